#!/usr/bin/env bash
# The steps of the copydesk GitHub Action (action.yml at the repository root), kept here so that
# tests/github_action.rs can run them with a simulated GITHUB_* environment.
#
#   scripts/action-run.sh version   write `version=X.Y.Z` (Cargo.toml's) to $GITHUB_OUTPUT, the
#                                   key of the cached binary
#   scripts/action-run.sh [check]   run `copydesk check` in $GITHUB_WORKSPACE: annotations
#                                   (--format github) on stdout, SARIF to $INPUT_SARIF, a Markdown
#                                   summary appended to $GITHUB_STEP_SUMMARY; exit with copydesk's
#                                   status
#
# Inputs come as environment variables (never spliced into the script, so an input cannot inject
# shell): INPUT_PATHS (default `.`), INPUT_FAIL_ON (default `warning`), INPUT_ARGS (extra
# arguments), INPUT_OFFLINE (`true`/`false`), INPUT_SARIF (default `copydesk.sarif`). PATHS and
# ARGS are split into words as a shell would (quotes group words; nothing is expanded).
#
# The step's exit status is copydesk's (0 pass, 1 findings at or above fail-on, 2 usage, config or
# file error); when copydesk cannot run at all it is non-zero too (127: not installed): a CI gate
# never passes silently. Works with bash 3.2 (macOS).
set -uo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)

# Words of $1, split as a shell would without expanding anything; fails on an unmatched quote.
words() {
    local out
    out=$(printf '%s' "$1" | xargs printf '%s\n' 2>&1) || {
        echo "::error title=copydesk::cannot split into words (an unmatched quote?): $1" >&2
        return 1
    }
    printf '%s' "$out"
}

output() {
    if [[ -n ${GITHUB_OUTPUT:-} ]]; then
        printf '%s\n' "$1" >>"$GITHUB_OUTPUT"
    fi
}

if [[ ${1:-check} == version ]]; then
    version=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$here/Cargo.toml" | head -n 1)
    if [[ -z $version ]]; then
        echo "::error title=copydesk::no version in $here/Cargo.toml"
        exit 2
    fi
    output "version=$version"
    echo "copydesk $version"
    exit 0
fi

paths_in=${INPUT_PATHS:-.}
fail_on=${INPUT_FAIL_ON:-warning}
sarif=${INPUT_SARIF:-copydesk.sarif}
summary=${GITHUB_STEP_SUMMARY:-}

cd "${GITHUB_WORKSPACE:-.}" || {
    echo "::error title=copydesk::cannot enter GITHUB_WORKSPACE (${GITHUB_WORKSPACE:-})"
    exit 2
}

cmd=(copydesk check --format github --output "$sarif" --output-format sarif --fail-on "$fail_on" --no-progress)
case ${INPUT_OFFLINE:-false} in
    true | True | TRUE | 1 | yes) cmd+=(--offline) ;;
    false | False | FALSE | 0 | no | "") ;;
    *)
        echo "::error title=copydesk::the offline input is \`${INPUT_OFFLINE}\`: it must be true or false"
        exit 2
        ;;
esac
if [[ -n $summary ]]; then
    cmd+=(--summary "$summary")
fi
split=$(words "${INPUT_ARGS:-}") || exit 2
while IFS= read -r w; do
    [[ -n $w ]] && cmd+=("$w")
done <<<"$split"
cmd+=(--)
split=$(words "$paths_in") || exit 2
while IFS= read -r w; do
    [[ -n $w ]] && cmd+=("$w")
done <<<"$split"

if ! mkdir -p "$(dirname "$sarif")"; then
    echo "::error title=copydesk::cannot create the folder of the SARIF file $sarif"
    exit 2
fi

if ! command -v copydesk >/dev/null 2>&1; then
    echo "::error title=copydesk::copydesk is not on PATH: the install step did not put it there"
    [[ -n $summary ]] && printf '### copydesk: ❌ error: copydesk is not installed\n\n' >>"$summary"
    output "exit-code=127"
    exit 127
fi

before=0
if [[ -n $summary && -f $summary ]]; then
    before=$(wc -c <"$summary")
fi
echo "${cmd[*]}" >&2
"${cmd[@]}"
code=$?
output "exit-code=$code"
if [[ -f $sarif ]]; then
    output "sarif=$sarif"
fi
# copydesk writes the summary itself; when it stopped before (a usage error, a broken
# copydesk.toml, nothing to check), say so there rather than leave the summary silent.
if [[ -n $summary ]]; then
    after=0
    [[ -f $summary ]] && after=$(wc -c <"$summary")
    if [[ $after -eq $before ]]; then
        if [[ $code -eq 0 ]]; then
            printf '### copydesk: ✅ passed\n\n' >>"$summary"
        else
            printf '### copydesk: ❌ error (exit status %s)\n\ncopydesk stopped before checking: see the step log.\n\n' \
                "$code" >>"$summary"
        fi
    fi
fi
if [[ $code -ne 0 && $code -ne 1 ]]; then
    echo "::error title=copydesk::copydesk exited with status $code (a usage, config or file error)"
fi
exit "$code"
