"The top-level API: every `plmnb.<verb>` exists, lazily; every `plmnb.<name>(` a message or docstring names is one of them."
import re, subprocess, sys
from pathlib import Path
import pytest
import plmnb

ROOT = Path(__file__).resolve().parent.parent

@pytest.mark.parametrize('name', sorted(plmnb._WHERE))
def test_name_resolves(name):
    obj = getattr(plmnb, name)
    mod = sys.modules[f'plmnb.{plmnb._WHERE[name]}']
    assert obj is getattr(mod, name)
    assert name in dir(plmnb)

def test_unknown_name():
    with pytest.raises(AttributeError, match='no attribute'): plmnb.finetuen

def test_import_is_lazy():
    code = 'import sys, plmnb; assert "torch" not in sys.modules and "plmnb.train" not in sys.modules, sorted(sys.modules)'
    subprocess.run([sys.executable, '-c', code], check=True)

def test_named_verbs_exist():
    "A message that tells the user to call `plmnb.x(...)` names something `plmnb` has."
    named = set()
    for p in (ROOT/'plmnb').glob('*.py'):
        named |= set(re.findall(r'\bplmnb\.([a-z_][a-z_]*)\(', p.read_text(encoding='utf-8')))
    missing = sorted(n for n in named if n not in plmnb._WHERE)
    assert not missing, f'messages name plmnb.{missing}, which do not exist: add them to plmnb/__init__.py _API'
