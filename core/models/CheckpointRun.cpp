// CheckpointRun: a checkpoint's hidden states, summary and logits on a JSON batch.
#include "models/CheckpointRun.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "models/CheckpointBatch.h"
#include "models/HfCheckpoint.h"

namespace twb {
namespace {

// A batch matrix as a [rows, cols] long tensor; undefined when the matrix is.
torch::Tensor toTensor(const IdMatrix& matrix) {
  if (!matrix.defined()) return {};
  return torch::tensor(at::ArrayRef<std::int64_t>(matrix.values), torch::kLong)
      .view({matrix.rows, matrix.cols});
}

QJsonArray toJson(const torch::Tensor& tensor) {
  QJsonArray array;
  if (tensor.dim() == 1) {
    const torch::Tensor values = tensor.to(torch::kDouble).contiguous();
    const double* data = values.data_ptr<double>();
    for (std::int64_t i = 0; i < values.numel(); ++i) array.append(data[i]);
    return array;
  }
  for (std::int64_t i = 0; i < tensor.size(0); ++i) array.append(toJson(tensor[i]));
  return array;
}

}  // namespace

QJsonObject runHfCheckpoint(const QString& folder, const QString& inputPath) {
  const CheckpointBatch batch = readCheckpointBatch(inputPath);
  const torch::Tensor ids = toTensor(batch.inputIds);
  torch::Tensor mask = toTensor(batch.attentionMask);
  const torch::Tensor types = toTensor(batch.tokenTypeIds);
  if (!mask.defined()) mask = torch::ones_like(ids);

  HfModel imported = importHfModel(folder);
  TaskModelImpl& model = *imported.model;
  const EncoderConfig& config = model.config();
  if (ids.max().item<std::int64_t>() >= config.vocabSize)
    throw InputError(inputPath, 0, 0,
                     QStringLiteral("key \"input_ids\": id %1 is outside the vocabulary of %2")
                         .arg(ids.max().item<std::int64_t>())
                         .arg(config.vocabSize));
  const FamilyTraits& family = *familyTraitsOf(config.arch);
  // XLNet compares segment ids for equality; the others index a token-type table.
  if (types.defined() && family.encoder != EncoderKind::Xlnet &&
      types.max().item<std::int64_t>() >= config.typeVocab)
    throw InputError(inputPath, 0, 0,
                     QStringLiteral("key \"token_type_ids\": type %1 is outside the model's %2")
                         .arg(types.max().item<std::int64_t>())
                         .arg(config.typeVocab));

  torch::NoGradGuard noGrad;
  model.eval();
  const std::vector<torch::Tensor> states = model.hiddenStates(ids, mask, types);
  const torch::Tensor last = states.back();
  QJsonObject out;
  out.insert(QStringLiteral("model"), imported.config.className(imported.config.head));
  out.insert(QStringLiteral("last_hidden_state"), toJson(last));
  QJsonArray all;
  for (const torch::Tensor& state : states) all.append(toJson(state));
  out.insert(QStringLiteral("hidden_states"), all);
  const torch::Tensor summary = model.summary(last);
  if (summary.defined()) {
    out.insert(QLatin1String(family.summaryOutput), toJson(summary));
  }
  if (model.head() != HeadKind::Encoder) {
    torch::Tensor logits = model.headOutput(last, mask);
    if (model.head() == HeadKind::Regression) logits = logits.unsqueeze(-1);
    out.insert(QStringLiteral("logits"), toJson(logits));
    if (model.head() == HeadKind::Classification) {
      out.insert(QStringLiteral("labels"), QJsonArray::fromStringList(imported.config.labels));
      QJsonArray predicted;
      const torch::Tensor best = logits.argmax(-1);
      for (std::int64_t r = 0; r < best.size(0); ++r)
        predicted.append(imported.config.labels.value(best[r].item<int>()));
      out.insert(QStringLiteral("predicted"), predicted);
    }
  }
  if (!imported.notes.isEmpty())
    out.insert(QStringLiteral("notes"), QJsonArray::fromStringList(imported.notes));
  return out;
}

}  // namespace twb
