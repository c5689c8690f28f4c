import os, tempfile
# Tests never touch the network: the hub is off, whatever the machine has.
for v in ('HF_HUB_OFFLINE', 'HF_DATASETS_OFFLINE', 'TRANSFORMERS_OFFLINE'): os.environ[v] = '1'
os.environ.setdefault('MPLBACKEND', 'Agg')
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
# an empty Hugging Face cache, so what tests list does not depend on what this machine downloaded
os.environ.setdefault('HF_HUB_CACHE', tempfile.mkdtemp(prefix='plmnb-test-hf-'))
