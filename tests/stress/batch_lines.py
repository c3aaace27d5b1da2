#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# batch_lines.py PID: the lines of an `ip -batch` process's input that it
# holds in its heap and stack, as "address: line". getline(3) leaves the
# line being run NUL-terminated ("...\n\0") in a buffer of its own; the
# stdio buffer holds the lines around it, newline-separated. Run by
# stress.sh on a batch process that does not end, to name its request.

import re
import sys


def regions(pid):
    with open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) < 6 or fields[5] not in ("[heap]", "[stack]"):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            yield fields[5], start, end


def main():
    pid = sys.argv[1]
    line = re.compile(rb"(?<![\x20-\x7e])([\x20-\x7e]{6,}\n)\x00")
    with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for name, start, end in regions(pid):
            mem.seek(start)
            data = mem.read(end - start)
            for m in line.finditer(data):
                text = m.group(1).decode().rstrip("\n")
                print(f"{name} {start + m.start():#x}: {text}")


if __name__ == "__main__":
    main()
