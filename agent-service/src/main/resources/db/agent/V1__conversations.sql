-- The agent's conversations: any replica continues any session from here.
create table agent.sessions (
    id uuid primary key,
    title text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table agent.messages (
    id uuid primary key,
    session_id uuid not null references agent.sessions (id) on delete cascade,
    position int not null,
    role text not null,
    content text not null,
    tool_calls jsonb,
    citations jsonb,
    created_at timestamptz not null default now(),
    unique (session_id, position)
);

-- A destructive tool call the agent asked the user to confirm; the session's next message
-- confirms or drops it.
create table agent.pending_actions (
    session_id uuid primary key references agent.sessions (id) on delete cascade,
    tool text not null,
    arguments jsonb not null,
    created_at timestamptz not null default now()
);

create index sessions_updated_at on agent.sessions (updated_at desc);
