"plmnb: pretrained language models in notebooks. Pick, fine-tune with a live view, look inside, use."
__version__ = "0.1.0"

# The public API, imported lazily so `import plmnb` and `plmnb --help` stay fast (torch loads on first use):
# every verb a message or a doc names is `plmnb.<verb>` (`adapt` is its module's name too: `from plmnb.adapt import adapt`).
_API = {
    'core': 'PlmnbError seed_everything pick_device is_offline use_fonts notice',
    'models': 'ModelInfo Loaded find_models load model_info register_folder rehead',
    'fresh': 'tiny_model model_config train_tokenizer extend_vocab',
    'data': 'Data load_data sample prepare',
    'train': 'Run finetune evaluate pretrain',
    'attention': 'Attentions attend attend_generation attend_seq2seq',
    'views': 'head_view model_view rollout_view generation_view compare diff heatmap to_html',
    'predict': 'classify tag fill_mask next_word generate summarize translate answer embed similarity Playground',
    'picker': 'ModelPicker',
    'progress': 'LiveProgress LiveProgressCallback track',
    'panels': 'Panel',
    'plugins': 'register_source register_panel register_view',
}
_WHERE = {name: mod for mod, names in _API.items() for name in names.split()}

def __getattr__(name):
    if name in _WHERE:
        import importlib
        return getattr(importlib.import_module(f'plmnb.{_WHERE[name]}'), name)
    raise AttributeError(f"module 'plmnb' has no attribute {name!r}")

def __dir__(): return sorted(list(globals()) + list(_WHERE))
