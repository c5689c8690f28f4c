"README.md is made from nbs/index.ipynb; the two must agree."
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def test_readme_matches_index():
    sys.path.insert(0, str(ROOT/'tools'))
    import readme
    assert (ROOT/'README.md').read_text(encoding='utf-8') == readme.readme(), \
        'README.md differs from nbs/index.ipynb: run `python tools/readme.py`'

def test_readme_quick_start_has_the_two_commands():
    text = (ROOT/'README.md').read_text(encoding='utf-8')
    qs = text.split('## Quick start', 1)[1].split('\n## ', 1)[0]
    cmds = [l for l in qs.splitlines() if l.startswith('pip install')]
    assert len(cmds) == 2
    ci = (ROOT/'.ci'/'run').read_text()
    assert cmds[1] in ci, 'CI must run the README test command verbatim'
