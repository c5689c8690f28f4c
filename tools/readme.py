"""Write README.md from nbs/index.ipynb (nbdev_readme needs Quarto, which cannot be installed here).

`python tools/readme.py` writes it; `python tools/readme.py --check` exits 1 when README.md differs.
Markdown cells are copied; visible code cells become ```python blocks with their saved text outputs;
cells marked `#| hide` and nbdev directives are left out.
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _directives(src):
    return [l for l in src.splitlines() if l.startswith('#|')]

def _output_text(o):
    if o.get('output_type') == 'stream': return ''.join(o.get('text', ''))
    data = o.get('data', {})
    if 'text/markdown' in data: return None, ''.join(data['text/markdown'])
    return ''.join(data.get('text/plain', ''))

def readme(nb_path=ROOT/'nbs'/'index.ipynb')->str:
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    parts = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        dirs = _directives(src)
        if any(d.replace(' ', '') == '#|hide' for d in dirs): continue
        body = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
        if c['cell_type'] == 'markdown': parts.append(body)
        elif body:
            parts.append(f'```python\n{body}\n```')
            for o in c.get('outputs', []):
                t = _output_text(o)
                if isinstance(t, tuple): parts.append(t[1].strip())
                elif t.strip(): parts.append('```\n' + t.strip() + '\n```')
    text = '\n\n'.join(p for p in parts if p) + '\n'
    # links between notebooks are relative to nbs/ (where the docs live); the README sits one folder up
    return re.sub(r'\]\((?![a-z]+:|/|#)([^)]+\.ipynb)\)', r'](nbs/\1)', text)

if __name__ == '__main__':
    out, want = ROOT/'README.md', readme()
    if '--check' in sys.argv:
        if not out.exists() or out.read_text(encoding='utf-8') != want:
            sys.exit('README.md does not match nbs/index.ipynb: run `python tools/readme.py` and commit README.md.')
        print('README.md matches nbs/index.ipynb')
    else: out.write_text(want, encoding='utf-8'); print('wrote', out)
