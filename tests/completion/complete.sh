#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Sourced by the completion tests: complete_line LINE prints, one per line and
# sorted, what bash would offer for the last word of LINE (a LINE ending
# in a space completes an empty word), with bondctl's completion
# (completion/bondctl) over bash-completion, as an interactive shell
# would. BONDCTL is the bondctl to complete for.

# shellcheck source=/dev/null
source /usr/share/bash-completion/bash_completion
# shellcheck source=../../completion/bondctl
source "$(dirname "${BASH_SOURCE[0]}")/../../completion/bondctl"

complete_line() {
	local line=$1
	local -a words
	read -r -a words <<<"$line"
	[[ $line == *" " ]] && words+=("")
	words[0]=$BONDCTL
	line=$BONDCTL${line#"${line%% *}"}
	COMP_WORDS=("${words[@]}")
	COMP_CWORD=$((${#words[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMPREPLY=()
	_bondctl
	printf '%s\n' "${COMPREPLY[@]}" | sort
}
