#!/bin/sh
# Makes sure .venv exists and was made by a Python the knowledge base runs on, for the Makefile:
#
#     sh scripts/venv.sh PYTHON VENV GIVEN GOAL
#
# PYTHON is the interpreter to make .venv with; GIVEN is "ja" when the contributor named it
# (make html PYTHON=python3.12), so that an existing .venv of another Python is replaced; GOAL is
# the make target, for the advice. Exits 1, with a Dutch message and without making .venv, when
# PYTHON is missing or older than 3.11.
#
# POSIX shell, not Python: it must explain itself to a Python too old to read our code, or
# none at all. The only Python it runs is one line that Python 2.7 and 3.6 still parse.
set -u

python=$1 venv=$2 given=$3 goal=$4
required_major=3 required_minor=11
required=$required_major.$required_minor
advice="Installeer een nieuwere Python, bijvoorbeeld 3.12: van https://www.python.org/downloads/ of met
uw pakketbeheerder ('sudo apt install python3.12 python3.12-venv', 'brew install python@3.12').
Geef die daarna aan make mee: make $goal PYTHON=python3.12"

# The version of a Python as 3.11.7, or nothing when it does not start.
version_of() {
    found=$("$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) || return 0
    case $found in
        [0-9]*.[0-9]*.[0-9]*) echo "$found" ;;
    esac
}

# Whether a version such as 3.11.7 is at least the required one.
recent_enough() {
    major=${1%%.*} rest=${1#*.}
    minor=${rest%%.*}
    [ "$major" -gt "$required_major" ] || { [ "$major" -eq "$required_major" ] && [ "$minor" -ge "$required_minor" ]; }
}

# Keep .venv when its own python starts, is recent enough, and (when the contributor named a
# Python) is that Python's version; say why otherwise. The version is asked of the interpreter
# rather than read from pyvenv.cfg, which stays behind when the Python it names is removed.
if [ -e "$venv" ]; then
    made_with=$(version_of "$venv/bin/python")
    if [ -z "$made_with" ]; then
        reason="De map $venv werkt niet meer: de Python waarmee die gemaakt is, start niet."
    elif ! recent_enough "$made_with"; then
        reason="De map $venv is gemaakt met Python $made_with; de kennisbank heeft Python $required of nieuwer nodig."
    elif [ "$given" = ja ] && [ "$made_with" != "$(version_of "$python")" ]; then
        reason="De map $venv is gemaakt met Python $made_with, niet met $python."
    else
        exit 0
    fi
fi

# A new .venv: first the Python to make it with.
refuse() {
    echo "De kennisbank heeft Python $required of nieuwer nodig, maar '$python' $1." >&2
    echo "$advice" >&2
    echo "Er is niets geïnstalleerd." >&2
    exit 1
}
version=$(version_of "$python")
[ -n "$version" ] || refuse "is niet gevonden of start niet"
recent_enough "$version" || refuse "is Python $version"
if [ -e "$venv" ]; then
    echo "${reason:-} De map wordt opnieuw gemaakt met $python (Python $version)."
    rm -rf "$venv"
fi
if ! "$python" -m venv "$venv"; then
    rm -rf "$venv"
    echo "'$python' kon de map $venv niet maken (zie de melding hierboven). Op Debian en Ubuntu is daarvoor" >&2
    echo "het pakket python3-venv nodig: sudo apt install python${version%.*}-venv" >&2
    exit 1
fi
