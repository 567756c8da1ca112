// bench_lengths: training throughput on real, skewed text lengths under three ways of batching.
//   usage: bench_lengths [--dataset movies-sentences] [--size tiny] [--batch 32] [--max-len 64]
//                        [--batches 40] [--rounds 3] [--precision auto|fp32|bf16] [--json]
// The lengths are those of the catalog dataset's texts (fetched into the data folder when needed)
// in words and punctuation marks (BERT's basic tokenizer) plus [CLS] and [SEP], cut at --max-len:
// a subword vocabulary gives somewhat longer texts with the same skew. Each way trains the same
// number of batches of the demo's model on random ids of those lengths:
//   max:    every batch padded to --max-len (what a fixed-shape pipeline does);
//   batch:  random batches padded to their longest text (the engine without train.bucketing);
//   bucket: train.bucketing's batches (train/BatchOrder.h).
// Throughput counts real tokens only; padding is work that trains nothing. Each way runs its
// batches twice; the second pass (every epoch after the first), best of --rounds interleaved
// rounds, is the figure compared.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <cstdio>

#include "data/Catalog.h"
#include "experiment/Device.h"
#include "models/TaskModel.h"
#include "text/BasicTokenizer.h"
#include "train/BatchOrder.h"
#include "train/Optimizer.h"
#include "train/Precision.h"
#include "train/Trainer.h"

using namespace twb;

namespace {

QString option(const QStringList& args, const QString& name, const QString& fallback) {
  const int i = args.indexOf(name);
  return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

struct Way {
  const char* name;
  double realTokensPerSecond = 0;       // steady state: the second pass
  double firstPassTokensPerSecond = 0;  // the first pass, shapes new
  double paddingShare = 0;              // padding tokens / all tokens computed
};

// Trains on the given batches; returns seconds. Each batch is padded to `width(batch)`.
template <class Width>
double train(TaskModel& model, Precision precision, const std::vector<int>& lengths,
             const std::vector<std::vector<size_t>>& batches, Width width, long* padded) {
  auto optimizer = makeAdamW(*model, 1e-4, 0.01);
  const StepSchedule schedule{1e-4, 0, 1000000, 1.0};
  const int vocab = model->config().vocabSize;
  long step = 0;
  *padded = 0;
  QElapsedTimer clock;
  for (size_t i = 0; i < batches.size(); ++i) {
    if (i == 2) clock.start();  // two warm-up steps
    const auto& rows = batches[i];
    const int cols = width(rows);
    const auto ids = torch::randint(5, vocab, {static_cast<long>(rows.size()), cols});
    auto mask = torch::zeros({static_cast<long>(rows.size()), cols}, torch::kInt64);
    for (size_t r = 0; r < rows.size(); ++r) mask[r].slice(0, 0, lengths[rows[r]]).fill_(1);
    if (i >= 2) *padded += static_cast<long>(rows.size()) * cols;
    const auto labels = torch::randint(0, 2, {static_cast<long>(rows.size())});
    const auto loss = torch::nn::functional::cross_entropy(
        forwardIn(model, TensorBatch{ids, mask, torch::zeros_like(ids), {}}, precision), labels);
    optimizerStep(*optimizer, loss, schedule, step++, "bench");
  }
  return clock.nsecsElapsed() / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  const QString id = option(args, QStringLiteral("--dataset"), QStringLiteral("movies-sentences"));
  const int batch = option(args, QStringLiteral("--batch"), QStringLiteral("32")).toInt();
  const int maxLen = option(args, QStringLiteral("--max-len"), QStringLiteral("64")).toInt();
  const int count = option(args, QStringLiteral("--batches"), QStringLiteral("40")).toInt();
  const int rounds = std::max(1, option(args, QStringLiteral("--rounds"), "3").toInt());
  const bool json = args.contains(QStringLiteral("--json"));
  ModelSpec spec;
  spec.size = option(args, QStringLiteral("--size"), QStringLiteral("tiny"));
  spec.dropout = 0.1;
  const EncoderConfig config = EncoderConfig::fromSpec(spec, 4000, 0);
  const Precision precision =
      resolvePrecision(option(args, QStringLiteral("--precision"), "auto"), torch::kCPU);
  const int cores = std::max(1, QThread::idealThreadCount());
  // The engine's own CPU set-up (memory kept for reuse, thread mix), as a run gets it.
  (void)chooseDevice(QStringLiteral("cpu"), cores, precisionName(precision));

  const Dataset data = Catalog().load(id, [&](const QString& line, double) {
    if (!json) std::fprintf(stderr, "%s\n", qPrintable(line));
  });
  const BasicTokenizer words(true);
  std::vector<int> lengths;
  for (const Example& e : data.examples)
    lengths.push_back(std::min(maxLen, static_cast<int>(words.tokenize(e.text).size()) + 2));
  std::vector<int> sorted = lengths;
  std::sort(sorted.begin(), sorted.end());
  auto quantile = [&](double q) { return sorted[static_cast<size_t>(q * (sorted.size() - 1))]; };

  std::vector<Way> ways{{"max"}, {"batch"}, {"bucket"}};
  // Rounds through the three ways, interleaved, each keeping its best: a burst of load from
  // elsewhere on a shared machine then costs one timing, not one way's figure.
  for (int round = 0; round < rounds; ++round)
    for (Way& way : ways) {
      const bool bucketing = QLatin1String(way.name) == QLatin1String("bucket");
      std::vector<std::vector<size_t>> batches = epochBatches(lengths, batch, 1, 0, bucketing);
      batches.resize(std::min(batches.size(), static_cast<size_t>(count) + 2));
      long real = 0;
      for (size_t i = 2; i < batches.size(); ++i)
        for (size_t row : batches[i]) real += lengths[row];
      torch::manual_seed(1);
      TaskModel model(config, HeadKind::Classification, 2);
      long padded = 0;
      const bool fixed = QLatin1String(way.name) == QLatin1String("max");
      auto width = [&](const std::vector<size_t>& rows) {
        if (fixed) return maxLen;
        int longest = 0;
        for (size_t row : rows) longest = std::max(longest, lengths[row]);
        return longest;
      };
      // The same batches twice: the first pass is a first epoch, where every batch length is new
      // to the product libraries (each builds its kernels per shape, once per process: so the
      // first round's); the second is every later epoch, the figure compared.
      const double first = real / train(model, precision, lengths, batches, width, &padded);
      if (round == 0) way.firstPassTokensPerSecond = first;
      way.realTokensPerSecond =
          std::max(way.realTokensPerSecond,
                   real / train(model, precision, lengths, batches, width, &padded));
      way.paddingShare = 1.0 - static_cast<double>(real) / padded;
    }

  QJsonObject out{{"dataset", id},
                  {"texts", static_cast<int>(lengths.size())},
                  {"length_median", quantile(0.5)},
                  {"length_p90", quantile(0.9)},
                  {"length_max", sorted.back()},
                  {"size", spec.size},
                  {"batch", batch},
                  {"max_len", maxLen},
                  {"precision", precisionName(precision)}};
  for (const Way& way : ways) {
    out.insert(QStringLiteral("%1_real_tokens_per_s").arg(way.name), way.realTokensPerSecond);
    out.insert(QStringLiteral("%1_padding_share").arg(way.name), way.paddingShare);
    out.insert(QStringLiteral("%1_first_pass_real_tokens_per_s").arg(way.name),
               way.firstPassTokensPerSecond);
  }
  out.insert("bucket_vs_max", ways[2].realTokensPerSecond / ways[0].realTokensPerSecond);
  out.insert("bucket_vs_batch", ways[2].realTokensPerSecond / ways[1].realTokensPerSecond);
  if (json) {
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
  }
  std::printf("%s: %d texts, length median %d, 90th percentile %d, max %d (cut at %d)\n",
              qPrintable(id), static_cast<int>(lengths.size()), quantile(0.5), quantile(0.9),
              sorted.back(), maxLen);
  for (const Way& way : ways)
    std::printf(
        "  %-7s %9.0f real tokens/s (first pass %.0f), %4.1f%% of the computed tokens are "
        "padding\n",
        way.name, way.realTokensPerSecond, way.firstPassTokensPerSecond, 100 * way.paddingShare);
  return 0;
}
