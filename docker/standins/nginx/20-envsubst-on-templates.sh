#!/usr/bin/env bash
set -euo pipefail
template_dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
output_dir=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
[[ -d $template_dir ]] || exit 0
filter=${NGINX_ENVSUBST_FILTER:-}
# Only the variables that are set (and match NGINX_ENVSUBST_FILTER, a regular
# expression, when given) are replaced, so nginx's own $variables stay as they are.
defined=$(env | cut -d= -f1 | grep -E -- "${filter:-.}" | sed 's/.*/${&}/' | tr '\n' ' ' || true)
find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
	relative=${template#"$template_dir/"}
	output=$output_dir/${relative%"$suffix"}
	mkdir -p "$(dirname "$output")"
	echo "20-envsubst-on-templates.sh: running envsubst on $template to $output"
	envsubst "$defined" <"$template" >"$output"
done
