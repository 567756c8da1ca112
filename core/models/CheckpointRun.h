// CheckpointRun: runs a checkpoint folder on a batch given as JSON, for checking a conversion.
#pragma once

#include <QJsonObject>
#include <QString>

namespace twb {

// Reads inputPath: {"input_ids": [[...]], "attention_mask": [[...]], "token_type_ids": [[...]]}
// (lists of equal-length lists of integers; the mask defaults to ones, the types to zeros),
// runs folder's checkpoint with the head its config.json names, in evaluation mode on the CPU,
// and returns {"model": class name, "last_hidden_state", "hidden_states" (embedding output and
// every layer), "pooler_output" (BERT-style pooler) or "sequence_summary" (XLNet), "logits",
// "labels" (id2label) and "predicted" (label per row) for sequence classifiers}.
// Throws InputError naming the file and key (and row) for a malformed batch or checkpoint.
QJsonObject runHfCheckpoint(const QString& folder, const QString& inputPath);

}  // namespace twb
