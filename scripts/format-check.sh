#!/usr/bin/env bash
# Checks the code against .swift-format's rules with the toolchain's swift-format (CI runs this).
# The pretty printer's layout diagnostics (indentation, line breaks, spacing, trailing commas, line
# length) are left out: the code's hand-aligned layout predates the configuration, and reformatting
# every file would rewrite everyone's work at once. `swift format -i FILE` applies the layout to a file.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! swift format --version >/dev/null 2>&1; then
  echo "format-check: swift format is not available in this toolchain; skipped" >&2
  exit 0
fi
layout='\[(Indentation|AddLines|RemoveLine|Spacing|TrailingComma|LineLength|EndOfLineComment)\]'
problems=$(swift format lint --recursive Package.swift Sources Tests 2>&1 | grep -E 'warning|error' | grep -vE "$layout")
if [ -n "$problems" ]; then
  echo "$problems"
  echo "format-check: $(echo "$problems" | wc -l) problem(s); see .swift-format" >&2
  exit 1
fi
echo "format-check: the code follows .swift-format's rules"
