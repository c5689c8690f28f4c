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
