"""Give every notebook in nbs/ the metadata JupyterLab writes when it opens one, so a notebook opens unmodified.

JupyterLab 4 marks a notebook modified on open unless its kernelspec's display_name is the installed kernel's
('Python 3 (ipykernel)') and its language_info equals what the kernel reports. `nbdev_clean` rewrites display_name
to the kernel's name and keeps language_info only because settings.ini allows it, so run this after `nbdev_clean`
(tools/test.sh does). An existing language_info is kept: the Python version in it is the one that wrote it.
"""
import json, platform, sys
from pathlib import Path

def kernelspec()->dict:
    try:
        from jupyter_client.kernelspec import KernelSpecManager
        name = KernelSpecManager().get_kernel_spec('python3').display_name
    except Exception: name = 'Python 3 (ipykernel)'
    return {'display_name': name, 'language': 'python', 'name': 'python3'}

def language_info()->dict:
    try:
        from ipykernel.ipkernel import IPythonKernel
        return dict(IPythonKernel.language_info)
    except Exception:
        return {'codemirror_mode': {'name': 'ipython', 'version': 3}, 'file_extension': '.py', 'mimetype': 'text/x-python',
                'name': 'python', 'nbconvert_exporter': 'python', 'pygments_lexer': 'ipython3',
                'version': platform.python_version()}

def fix(p:Path, ks:dict, li:dict)->bool:
    "Set `p`'s kernelspec (and language_info, if missing); True if the file changed."
    text = p.read_text(encoding='utf-8')
    nb = json.loads(text)
    md = nb.setdefault('metadata', {})
    md['kernelspec'] = ks
    md.setdefault('language_info', li)
    md.pop('jupytext', None)
    out = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + '\n'
    if out == text: return False
    p.write_text(out, encoding='utf-8')
    return True

if __name__ == '__main__':
    ks, li = kernelspec(), language_info()
    for p in sorted(Path(__file__).parent.parent.joinpath('nbs').rglob('*.ipynb')):
        if '.ipynb_checkpoints' in p.parts: continue
        if fix(p, ks, li): print('metadata set:', p, file=sys.stderr)
