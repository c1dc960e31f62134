#!/usr/bin/env python3
"""Disassembles the machine code that HotSpot prints for a method when no working hsdis is installed.

With -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,CLASS::METHOD, HotSpot prints each
compiled version of the method ("Compiled method (c2) ...") as raw code bytes plus comments (the
Java frames behind an address, calls, safepoint polls) unless it can load an hsdis library with
the current entry point; Debian's libhsdis0-fcml has only the old one. This script turns one of
those blocks back into code with objdump (binutils), keeping the comments above the instruction
they annotate:

    java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet \\
         -XX:CompileCommand=print,*Functions0::f10_quicksort -jar quicksort.jar --kernel 1000000 30 > out.txt
    bench/tools/c2-disasm.py out.txt          # lists the compiled versions
    bench/tools/c2-disasm.py out.txt 3        # disassembles the fourth one (0-based)
    bench/tools/c2-disasm.py out.txt 3 --back-edges   # only the backward jumps: where the loops are
"""
import re
import subprocess
import sys
import tempfile

HEADER = 'Compiled method'


def blocks(lines):
    starts = [i for i, l in enumerate(lines) if l.startswith(HEADER)]
    return [(s, starts[k + 1] if k + 1 < len(starts) else len(lines)) for k, s in enumerate(starts)]


def disassemble(lines):
    """objdump's listing of the code bytes in lines, with HotSpot's comments put back."""
    code = bytearray()
    base = None
    notes = {}
    for l in lines:
        m = re.match(r'\s*0x([0-9a-f]+): (.*)$', l)
        if not m:
            continue
        addr, rest = int(m.group(1), 16), m.group(2)
        if rest.lstrip().startswith(';'):
            notes.setdefault(addr, []).append(rest.strip())
            continue
        words = [w for w in re.split(r'[\s|]+', rest) if w]
        if not all(re.fullmatch(r'(?:[0-9a-f]{2})+', w) for w in words):
            continue
        if base is None:
            base = addr
        gap = addr - (base + len(code))
        if gap > 0:
            code += b'\x90' * gap
        for w in words:
            code += bytes.fromhex(w)
    if base is None:
        return []
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(code)
        f.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel',
                              '--adjust-vma=%#x' % base, f.name],
                             capture_output=True, text=True, check=True).stdout
    result = []
    for l in out.split('\n'):
        m = re.match(r'\s*([0-9a-f]+):\t', l)
        if not m:
            continue
        for note in notes.get(int(m.group(1), 16), []):
            result.append('        ' + note)
        result.append(l)
    return result


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    lines = open(argv[1]).read().split('\n')
    found = blocks(lines)
    if len(argv) < 3:
        for k, (s, _) in enumerate(found):
            print(k, lines[s])
        return 0
    s, e = found[int(argv[2])]
    print(lines[s])
    listing = disassemble(lines[s:e])
    if '--back-edges' in argv:
        for l in listing:
            m = re.match(r'\s*([0-9a-f]+):\t.*\tj\w+\s+0x([0-9a-f]+)', l)
            if m and int(m.group(2), 16) < int(m.group(1), 16):
                print(l)
    else:
        print('\n'.join(listing))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
