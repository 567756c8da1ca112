#include "plugin/BuiltInTasks.h"

namespace twb {
namespace {

// A task the workbench scores itself (accuracy and macro-F1, or Pearson and Spearman): it adds
// no metric of its own and accepts any label set, single texts or pairs.
class BuiltInTask : public sdk::Task {
 public:
  BuiltInTask(const char* name, const char* description, sdk::Output output)
      : name_(QString::fromLatin1(name)),
        description_(QString::fromLatin1(description)),
        output_(output) {}
  QString name() const override { return name_; }
  QString description() const override { return description_; }
  sdk::Output output() const override { return output_; }
  bool needsPairs() const override { return false; }
  QList<QPair<QString, double>> score(const std::vector<double>&, const std::vector<double>&,
                                      const QStringList&) const override {
    return {};
  }

 private:
  QString name_, description_;
  sdk::Output output_;
};

}  // namespace

const QList<const sdk::Task*>& supervisedBuiltIns() {
  static const BuiltInTask classification("classification", "a label per text or pair",
                                          sdk::Output::Labels);
  static const BuiltInTask sentiment("sentiment", "a text's polarity, as labels",
                                     sdk::Output::Labels);
  static const BuiltInTask similarity("similarity", "a score per pair (Pearson, Spearman)",
                                      sdk::Output::Score);
  static const QList<const sdk::Task*> tasks = {&classification, &sentiment, &similarity};
  return tasks;
}

}  // namespace twb
