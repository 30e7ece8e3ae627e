-- The agent's conversations, in its own schema 'agent' (history: flyway_agent_history).
create table sessions (
    id         uuid        primary key,
    title      text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table messages (
    id         uuid        primary key,
    session_id uuid        not null references sessions (id) on delete cascade,
    position   integer     not null,
    role       text        not null,
    content    text,
    tool_calls jsonb,
    citations  jsonb,
    created_at timestamptz not null default now()
);
