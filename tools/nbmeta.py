"Give every notebook in nbs/ a python3 kernelspec (JupyterLab otherwise opens a 'Select Kernel' dialog)."
import json, sys
from pathlib import Path

KS = {'display_name': 'python3', 'language': 'python', 'name': 'python3'}
for p in sorted(Path(__file__).parent.parent.joinpath('nbs').rglob('*.ipynb')):
    nb = json.loads(p.read_text())
    if nb.get('metadata', {}).get('kernelspec') != KS:
        nb.setdefault('metadata', {})['kernelspec'] = KS
        nb['metadata'].pop('jupytext', None)
        p.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
        print('kernelspec set:', p, file=sys.stderr)
