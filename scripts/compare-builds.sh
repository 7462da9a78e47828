#!/usr/bin/env bash
# Builds one content folder with the code of two git revisions and compares the two sites byte
# for byte: a refactoring should change nothing a reader or a host sees.
#
#   scripts/compare-builds.sh [--content DIR] [--keep] BASE [HEAD]
#
# BASE and HEAD are any git revisions (HEAD defaults to HEAD; "." means the working tree as it
# is, uncommitted changes included). The content is the demo archive of BASE unless --content
# names another folder. Each revision is checked out into a temporary folder and built with
# `bulletin build`, using this checkout's node_modules (the script warns when the two revisions'
# package-lock.json differ in their dependencies).
#
# One thing differs between any two builds, of the same code too, and is normalised before the
# comparison: the build time, `"generated"` in issues.json. Prints the files that differ (and
# a diff of each text file); exits 0 when the sites are identical, 1 when they differ.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }

content=""
keep=false
revisions=()
while [ $# -gt 0 ]; do
  case "$1" in
    --content) content="$(realpath "$2")"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) usage ;;
    -*) echo "compare-builds: unknown option $1" >&2; usage ;;
    *) revisions+=("$1"); shift ;;
  esac
done
[ ${#revisions[@]} -ge 1 ] && [ ${#revisions[@]} -le 2 ] || usage
base="${revisions[0]}"
head="${revisions[1]:-HEAD}"

repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
work="$(mktemp -d "${TMPDIR:-/tmp}/compare-builds-XXXXXX")"
if [ "$keep" = false ]; then trap 'rm -rf "$work"' EXIT; fi

# A revision's files in a folder of their own; "." is the working tree, untracked files included.
checkout() {
  local revision="$1" dir="$2"
  mkdir -p "$dir"
  if [ "$revision" = "." ]; then
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$dir"
  else
    git -C "$repo" archive "$revision" | tar -xf - -C "$dir"
  fi
  ln -s "$repo/node_modules" "$dir/node_modules"
}

# Dependencies as the lock file pins them, without the lock file's own bookkeeping.
dependencies() { node -e 'const l=require(process.argv[1]);for(const[k,v]of Object.entries(l.packages??{}))if(k&&!v.dev)console.log(k,v.version)' "$1/package-lock.json" | sort; }

checkout "$base" "$work/base"
checkout "$head" "$work/head"
if ! diff -q <(dependencies "$work/base") <(dependencies "$work/head") >/dev/null; then
  echo "compare-builds: warning: $base and $head pin different runtime dependencies; both are built with this checkout's node_modules" >&2
fi
content="${content:-$work/base/content}"

for side in base head; do
  echo "Building $content with the code of $([ "$side" = base ] && echo "$base" || echo "$head") …" >&2
  (cd "$work/$side" && node scripts/bulletin.js build --content "$content" --output "$work/$side-site" >"$work/$side-build.log" 2>&1) || {
    echo "compare-builds: the $side build failed:" >&2
    cat "$work/$side-build.log" >&2
    exit 1
  }
  sed -i -E 's/^(  "generated": )"[^"]*"/\1"(build time)"/' "$work/$side-site/issues.json"
done

if diff -rq "$work/base-site" "$work/head-site" >"$work/differences.txt"; then
  echo "identical: every file of the two sites is the same, byte for byte (build time in issues.json normalised)"
  exit 0
fi
echo "The sites differ ($(wc -l <"$work/differences.txt") entries):"
cat "$work/differences.txt"
while IFS= read -r line; do
  if [[ "$line" =~ ^Files\ (.*)\ and\ (.*)\ differ$ ]]; then
    a="${BASH_REMATCH[1]}" b="${BASH_REMATCH[2]}"
    if grep -Iq . "$a" && grep -Iq . "$b"; then
      echo
      diff -u --label "base/${a#"$work/base-site/"}" --label "head/${b#"$work/head-site/"}" "$a" "$b" | cut -c1-400 | head -n 200 || true
    fi
  fi
done <"$work/differences.txt"
[ "$keep" = true ] && echo "Kept: $work" >&2
exit 1
