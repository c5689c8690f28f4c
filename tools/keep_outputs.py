"""Copy the outputs of the tour and tutorials, as executed by `pytest -m docs` (artifacts/docs/*.ipynb), into nbs/.

The published docs and GitHub show what is committed, so these notebooks keep their small static outputs. Live widget
views are dropped (a saved notebook cannot restore them; each plmnb widget saved its static snapshot beside the view),
so are execution counts. Run `tools/test.sh -m docs` (or `pytest -m docs tests/test_docs.py`) first, then this, then
commit. Usage: python tools/keep_outputs.py [notebook ...]
"""
import json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS, ART = ROOT/'nbs', ROOT/'artifacts'/'docs'
WIDGET = 'application/vnd.jupyter.widget-view+json'
MAX_BYTES = 400_000

def tour()->list[str]:
    return ['index.ipynb'] + sorted(str(p.relative_to(NBS)) for p in (NBS/'tutorials').glob('*.ipynb'))

def kept(outputs:list)->list:
    "The outputs a saved notebook can show: no live widget views."
    return [o for o in outputs if WIDGET not in o.get('data', {})]

def keep(nb:str)->int:
    "Copy `nb`'s executed outputs into nbs/; the size written."
    run = ART/(nb.replace('/', '_').removesuffix('.ipynb') + '.ipynb')
    if not run.exists(): raise SystemExit(f'{run} is missing: run `pytest -m docs tests/test_docs.py` first')
    done = {c['id']: c for c in json.loads(run.read_text(encoding='utf-8'))['cells'] if 'id' in c}
    path = NBS/nb
    src = json.loads(path.read_text(encoding='utf-8'))
    for c in src['cells']:
        if c['cell_type'] != 'code': continue
        ran = done.get(c.get('id'))
        if ran is None or ''.join(ran['source']) != ''.join(c['source']):
            raise SystemExit(f'{nb}: a cell changed since it was executed; run the docs tests again')
        c['outputs'] = kept(ran.get('outputs', []))
    path.write_text(json.dumps(src, indent=1, ensure_ascii=False, sort_keys=True) + '\n', encoding='utf-8')
    subprocess.run(['nbdev_clean', '--fname', str(path)], check=True, cwd=ROOT)
    sys.path.insert(0, str(ROOT/'tools'))
    import nbmeta
    nbmeta.fix(path, nbmeta.kernelspec(), nbmeta.language_info())
    return path.stat().st_size

if __name__ == '__main__':
    for nb in sys.argv[1:] or tour():
        n = keep(nb)
        print(f'{nb}: {n:,} bytes' + ('  (over the 400 kB budget!)' if n > MAX_BYTES else ''))
