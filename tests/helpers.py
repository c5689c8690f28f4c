"Test fixtures shared by the tests and the notebooks' examples (never part of the library)."
import os, shutil
from pathlib import Path

def fake_cache_entry(cache:Path, repo_id:str, model_folder:Path)->Path:
    "Lay `model_folder` out as `repo_id` in a Hugging Face cache at `cache` (blobs, a snapshot of symlinks, refs/main)."
    rev = '0' * 40
    repo = Path(cache)/('models--' + repo_id.replace('/', '--'))
    snap = repo/'snapshots'/rev
    snap.mkdir(parents=True, exist_ok=True)
    (repo/'refs').mkdir(exist_ok=True); (repo/'refs'/'main').write_text(rev)
    (repo/'blobs').mkdir(exist_ok=True)
    for f in Path(model_folder).iterdir():
        if f.is_file():
            blob = repo/'blobs'/f'{abs(hash((repo_id, f.name))):x}'
            shutil.copy(f, blob); (snap/f.name).symlink_to(os.path.relpath(blob, snap))
    return snap

_TOY_CODE = '''
import os
from pathlib import Path
if os.environ.get('PLMNB_TOY_MARKER'): Path(os.environ['PLMNB_TOY_MARKER']).touch()  # proof, for tests, that this code ran
from transformers import BertConfig, BertModel

class ToyConfig(BertConfig):
    model_type = 'plmnb-toy'

class ToyModel(BertModel):
    config_class = ToyConfig
'''

def custom_model_folder(dest:Path, tokenizer_from:Path)->Path:
    "A model folder of a custom architecture ('plmnb-toy'): config.json with `auto_map`, its code in toy.py, weights, tokenizer."
    import json, shutil, transformers
    dest = Path(dest); dest.mkdir(parents=True)
    cfg = transformers.BertConfig(vocab_size=64, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32)
    from plmnb.core import quiet_libraries
    with quiet_libraries(): transformers.BertModel(cfg).save_pretrained(dest)
    d = json.loads((dest/'config.json').read_text())
    d.update(model_type='plmnb-toy', architectures=['ToyModel'], auto_map={'AutoConfig': 'toy.ToyConfig', 'AutoModel': 'toy.ToyModel'})
    (dest/'config.json').write_text(json.dumps(d))
    (dest/'toy.py').write_text(_TOY_CODE)
    for f in Path(tokenizer_from).iterdir():
        if f.name.startswith(('tokenizer', 'vocab', 'special_tokens', 'merges')): shutil.copy(f, dest/f.name)
    return dest
