"""How fast plmnb answers: `plmnb --help`, `import plmnb`, `plmnb models`, and `find_models` over 20 cached models.

Run: python bench/startup.py   (prints its figures; goals: --help < 0.5 s, find_models over 20 cached < 0.2 s)
"""
import shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

def wall(cmd, n=5):
    "Median wall time of running `cmd` n times (after one warm-up run)."
    subprocess.run(cmd, capture_output=True)
    ts = []
    for _ in range(n):
        t = time.perf_counter(); r = subprocess.run(cmd, capture_output=True); ts.append(time.perf_counter() - t)
        assert r.returncode == 0, r.stderr.decode()[-500:]
    return statistics.median(ts)

def main():
    exe = shutil.which('plmnb') or sys.exit('install plmnb first: pip install -e .')
    print(f"plmnb --help          {wall([exe, '--help']):6.3f} s   (goal < 0.5 s)")
    print(f"python -c 'import plmnb' {wall([sys.executable, '-c', 'import plmnb']):6.3f} s")
    print(f"python -c pass        {wall([sys.executable, '-c', 'pass']):6.3f} s   (interpreter start, for reference)")
    print(f"plmnb models          {wall([exe, 'models'], n=3):6.3f} s")

    from plmnb.models import find_models
    from plmnb.fresh import tiny_model, TINY
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent/'tests'))
    from helpers import fake_cache_entry
    with tempfile.TemporaryDirectory() as cache:
        for i in range(20):
            fake_cache_entry(Path(cache), f'org/model-{i:02d}', tiny_model(TINY[i % len(TINY)]))
        find_models(cache_dir=cache, sources=['hf-cache'])
        ts = []
        for _ in range(5):
            t = time.perf_counter(); ms = find_models(cache_dir=cache, sources=['hf-cache']); ts.append(time.perf_counter() - t)
        assert len(ms) == 20
        print(f"find_models, 20 cached {statistics.median(ts):6.3f} s   (goal < 0.2 s; config + safetensors headers only)")
        ts = []
        for _ in range(5):
            t = time.perf_counter(); ms = find_models(cache_dir=cache); ts.append(time.perf_counter() - t)
        print(f"find_models, all sources ({len(ms)} models) {statistics.median(ts):6.3f} s")

if __name__ == '__main__': main()
