// The experiment file's keys that live in one member each: their one definition.
#include "config/SchemaFields.h"

#include "common/Vocabulary.h"
#include "plugin/PluginRegistry.h"

namespace twb::schema {
namespace {

// Builds a key: name, type and help, then its rule.
class K {
 public:
  K(const char* name, KeyType type, const char* help) {
    key_.path = QString::fromLatin1(name);
    key_.type = type;
    key_.help = QString::fromUtf8(help);
  }
  K& min(double value) {
    key_.minimum = value;
    return *this;
  }
  K& above(double value) {
    key_.minimum = value;
    key_.minimumExclusive = true;
    return *this;
  }
  K& max(double value) {
    key_.maximum = value;
    return *this;
  }
  K& choices(const QStringList& values) {
    key_.choices = values;
    return *this;
  }
  K& unset(const char* means) {
    key_.unsetMeans = QString::fromUtf8(means);
    return *this;
  }
  K& pluginChoices(QStringList (*names)()) {
    key_.pluginChoices = names;
    return *this;
  }
  K& always() {
    key_.alwaysWritten = true;
    return *this;
  }
  K& nonEmpty() {
    key_.nonEmpty = true;
    return *this;
  }
  K& pattern(const char* expression, const char* example) {
    key_.pattern = QString::fromLatin1(expression);
    key_.patternExample = QString::fromUtf8(example);
    return *this;
  }

  // The key bound to member; its fallback is the member's value in a default-built S.
  template <class S, class T>
  Field<S> to(T S::*member) const {
    Field<S> field{key_, member};
    static const S defaults{};
    field.key.fallback = QVariant::fromValue(defaults.*member);
    return field;
  }

 private:
  SchemaKey key_;
};

QStringList pluginTaskNames() { return PluginRegistry::instance().taskNames(); }

QStringList words(std::initializer_list<const char*> values) {
  QStringList list;
  for (const char* value : values) list << QString::fromLatin1(value);
  return list;
}

}  // namespace

const QList<Field<ModelSpec>>& modelFields() {
  using M = ModelSpec;
  static const QList<Field<M>> fields = {
      K("arch", KeyType::Choice,
        "the encoder family; beside a checkpoint, a check that the checkpoint is one")
          .choices(vocab::names<vocab::Family>())
          .always()
          .to(&M::arch),
      K("size", KeyType::Choice,
        "a preset of layers, hidden size, heads and feed-forward size, for a model from scratch")
          .choices(words({"tiny", "mini", "small", "base"}))
          .always()
          .to(&M::size),
      K("from", KeyType::Text,
        "scratch, a catalog model (twb models list), hf:ORG/NAME[@REV] or a checkpoint folder")
          .nonEmpty()
          .always()
          .to(&M::from),
      K("layers", KeyType::Integer, "transformer layers (from scratch only)")
          .min(1)
          .unset("the size's preset")
          .to(&M::layers),
      K("hidden", KeyType::Integer, "hidden size, a multiple of heads (from scratch only)")
          .min(1)
          .unset("the size's preset")
          .to(&M::hidden),
      K("heads", KeyType::Integer, "attention heads (from scratch only)")
          .min(1)
          .unset("the size's preset")
          .to(&M::heads),
      K("ff", KeyType::Integer, "feed-forward inner size (from scratch only)")
          .min(1)
          .unset("the size's preset")
          .to(&M::ff),
      K("vocab_size", KeyType::Integer,
        "size of the sentencepiece vocabulary trained on the run's text (from scratch only)")
          .min(16)
          .to(&M::vocabSize),
      K("dropout", KeyType::Number, "dropout probability; beside a checkpoint, overrides its own")
          .min(0)
          .max(0.9)
          .to(&M::dropout),
  };
  return fields;
}

const QList<Field<PretrainSpec>>& pretrainFields() {
  using P = PretrainSpec;
  static const QList<Field<P>> fields = {
      K("steps", KeyType::Integer, "masked-LM steps per seed; 0: no pretraining")
          .min(0)
          .to(&P::steps),
      K("batch_size", KeyType::Integer, "texts per masked-LM step")
          .min(1)
          .unset("train.batch_size")
          .to(&P::batchSize),
      K("lr", KeyType::Number, "peak learning rate of masked-LM pretraining")
          .above(0)
          .max(1)
          .to(&P::lr),
      K("alpha", KeyType::Number,
        "per-language sampling exponent over multilingual text: q ~ p^alpha (XLM-R: 0.3)")
          .min(0)
          .max(1)
          .to(&P::alpha),
  };
  return fields;
}

const QList<Field<TaskSpec>>& taskFields() {
  using T = TaskSpec;
  static const QList<Field<T>> fields = {
      K("task", KeyType::Choice,
        "classification or sentiment (labels), similarity (scores), retrieval or "
        "translation-pair (parallel text)")
          .choices(vocab::builtInTasks())
          .pluginChoices(&pluginTaskNames)
          .always()
          .to(&T::task),
      K("epochs", KeyType::Integer, "training epochs of this task")
          .min(1)
          .unset("train.epochs")
          .to(&T::epochs),
  };
  return fields;
}

const QList<Field<TargetSpec>>& targetFields() {
  using T = TargetSpec;
  static const QList<Field<T>> fields = {
      K("domain", KeyType::Text, "the target's domain, for a domain-adaptation target")
          .to(&T::domain),
      K("setting", KeyType::Choice,
        "target: fine-tune on the target's own training split; zero-shot: fine-tune on source "
        "and only evaluate on the target")
          .choices(vocab::names<vocab::Setting>())
          .to(&T::setting),
  };
  return fields;
}

const QList<Field<ProtocolSpec>>& protocolFields() {
  using P = ProtocolSpec;
  static const QList<Field<P>> fields = {
      K("decontaminate", KeyType::Boolean,
        "true: drop every training input that holds a target's test text; false: only count "
        "them")
          .to(&P::decontaminate),
  };
  return fields;
}

const QList<Field<TrainSpec>>& trainFields() {
  using T = TrainSpec;
  static const QList<Field<T>> fields = {
      K("lr", KeyType::Number, "peak learning rate of fine-tuning (AdamW)")
          .above(0)
          .max(1)
          .always()
          .to(&T::lr),
      K("batch_size", KeyType::Integer, "examples per step").min(1).always().to(&T::batchSize),
      K("max_len", KeyType::Integer, "tokens per input; longer inputs are cut")
          .min(8)
          .always()
          .to(&T::maxLen),
      K("epochs", KeyType::Integer, "training epochs of each task").min(1).always().to(&T::epochs),
      K("max_steps", KeyType::Integer, "a cap on steps per task; 0: none").min(0).to(&T::maxSteps),
      K("early_stopping", KeyType::Integer,
        "stop after this many dev evaluations without improvement, keeping the best weights; "
        "0: off")
          .min(0)
          .always()
          .to(&T::earlyStopping),
      K("eval_every", KeyType::Integer, "steps between dev evaluations; 0: once per epoch")
          .min(0)
          .to(&T::evalEvery),
      K("warmup", KeyType::Number, "fraction of the steps spent warming the learning rate up")
          .min(0)
          .max(0.99)
          .to(&T::warmup),
      K("weight_decay", KeyType::Number, "AdamW weight decay").min(0).to(&T::weightDecay),
      K("clip_norm", KeyType::Number, "gradients are clipped to this norm; 0: no clipping")
          .min(0)
          .to(&T::clipNorm),
      K("threads", KeyType::Integer, "CPU threads; 0: all cores").min(0).to(&T::threads),
      K("precision", KeyType::Choice,
        "bf16: matrix products in bfloat16 (weights and optimizer stay float32); auto: bf16 "
        "where the CPU has AMX or AVX512-BF16")
          .choices(words({"auto", "bf16", "fp32"}))
          .to(&T::precision),
      K("bucketing", KeyType::Boolean,
        "training batches of texts of similar length (less padding; batch order stays random)")
          .to(&T::bucketing),
  };
  return fields;
}

const QList<Field<DatasetRef>>& datasetFields() {
  using D = DatasetRef;
  static const QList<Field<D>> fields = {
      K("text", KeyType::Text, "the column that holds the text").nonEmpty().to(&D::textColumn),
      K("text_pair", KeyType::Text, "the column of a pair's second text; absent: single texts")
          .nonEmpty()
          .to(&D::pairColumn),
      K("label", KeyType::Text, "the column that holds the label").nonEmpty().to(&D::labelColumn),
      K("score", KeyType::Text, "the column of a score, for a task that predicts scores")
          .nonEmpty()
          .unset("score, when the task predicts scores")
          .to(&D::scoreColumn),
      K("language", KeyType::Text, "the ISO 639 code of the texts' language")
          .pattern("[a-z]{2,3}", "a language code like 'en' or 'fr'")
          .to(&D::language),
  };
  return fields;
}

}  // namespace twb::schema
