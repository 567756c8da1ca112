// CheckpointRun: a checkpoint's hidden states, summary and logits on a JSON batch.
#include "models/CheckpointRun.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "common/InputError.h"
#include "common/JsonFile.h"
#include "models/HfCheckpoint.h"

namespace twb {
namespace {

// One [B, T] integer matrix of the batch file; undefined when the key is absent.
torch::Tensor readMatrix(const QString& path, const QJsonObject& batch, const QString& key,
                         std::int64_t rows, std::int64_t cols) {
  const QJsonValue value = batch.value(key);
  if (value.isUndefined() || value.isNull()) return {};
  auto fail = [&](const QString& message) {
    throw InputError(path, 0, 0, QStringLiteral("key \"%1\": %2").arg(key, message));
  };
  if (!value.isArray()) fail(QStringLiteral("must be a list of lists of integers"));
  const QJsonArray outer = value.toArray();
  if (rows >= 0 && outer.size() != rows)
    fail(QStringLiteral("has %1 rows but input_ids has %2").arg(outer.size()).arg(rows));
  if (outer.isEmpty()) fail(QStringLiteral("is empty"));
  const std::int64_t width = cols >= 0 ? cols : outer.first().toArray().size();
  if (width == 0) fail(QStringLiteral("row 1 is empty"));
  torch::Tensor matrix = torch::zeros({outer.size(), width}, torch::kLong);
  auto cells = matrix.accessor<std::int64_t, 2>();
  for (int r = 0; r < outer.size(); ++r) {
    const QJsonArray row = outer[r].toArray();
    if (!outer[r].isArray() || row.size() != width)
      fail(QStringLiteral("row %1 has %2 entries, not %3 (pad every row to one length)")
               .arg(r + 1)
               .arg(outer[r].isArray() ? row.size() : 0)
               .arg(width));
    for (int c = 0; c < width; ++c) {
      const double number = row[c].toDouble(-1);
      if (!row[c].isDouble() || number != static_cast<std::int64_t>(number) || number < 0)
        fail(QStringLiteral("row %1, position %2: not a non-negative integer")
                 .arg(r + 1)
                 .arg(c + 1));
      cells[r][c] = static_cast<std::int64_t>(number);
    }
  }
  return matrix;
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
  const QJsonObject batch = readJsonObjectFile(inputPath);
  const torch::Tensor ids = readMatrix(inputPath, batch, QStringLiteral("input_ids"), -1, -1);
  if (!ids.defined())
    throw InputError(inputPath, 0, 0, QStringLiteral("key \"input_ids\": missing"));
  torch::Tensor mask =
      readMatrix(inputPath, batch, QStringLiteral("attention_mask"), ids.size(0), ids.size(1));
  torch::Tensor types =
      readMatrix(inputPath, batch, QStringLiteral("token_type_ids"), ids.size(0), ids.size(1));
  if (!mask.defined()) mask = torch::ones_like(ids);

  HfModel imported = importHfModel(folder);
  TaskModelImpl& model = *imported.model;
  const EncoderConfig& config = model.config();
  if (ids.max().item<std::int64_t>() >= config.vocabSize)
    throw InputError(inputPath, 0, 0,
                     QStringLiteral("key \"input_ids\": id %1 is outside the vocabulary of %2")
                         .arg(ids.max().item<std::int64_t>())
                         .arg(config.vocabSize));
  if (types.defined() && config.arch != QLatin1String("xlnet") &&
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
    out.insert(config.arch == QLatin1String("xlnet") ? QStringLiteral("sequence_summary")
                                                     : QStringLiteral("pooler_output"),
               toJson(summary));
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
