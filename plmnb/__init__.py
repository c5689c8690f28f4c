"plmnb: pretrained language models in notebooks. Pick, fine-tune with a live view, look inside, use."
__version__ = "0.1.0"

# The public API, imported lazily so `import plmnb` and `plmnb --help` stay fast (torch loads on first use).
_API = {
    'PlmnbError': 'core', 'seed_everything': 'core', 'pick_device': 'core', 'is_offline': 'core',
    'ModelInfo': 'models', 'Loaded': 'models', 'find_models': 'models', 'load': 'models', 'model_info': 'models',
    'register_folder': 'models', 'tiny_model': 'models',
    'register_source': 'plugins', 'register_panel': 'plugins', 'register_view': 'plugins',
}

def __getattr__(name):
    if name in _API:
        import importlib
        return getattr(importlib.import_module(f'plmnb.{_API[name]}'), name)
    raise AttributeError(f"module 'plmnb' has no attribute {name!r}")

def __dir__(): return sorted(list(globals()) + list(_API))
