// XLNet's relative shift, relative encoding and attention against hand-computed values.
#include <QtTest>

#include "common/TorchApi.h"
#include "models/XLNet.h"

using twb::xlnetRelativeEncoding;
using twb::xlnetRelShift;

namespace {

// A [1, 1, rows, cols] tensor with x[i][c] = 10 * i + c.
torch::Tensor numbered(std::int64_t rows, std::int64_t cols) {
  return (torch::arange(rows).view({rows, 1}) * 10 + torch::arange(cols).view({1, cols}))
      .to(torch::kFloat)
      .view({1, 1, rows, cols});
}

torch::Tensor matrix(std::initializer_list<std::initializer_list<float>> rows) {
  std::vector<float> values;
  std::int64_t width = 0;
  for (const auto& row : rows) {
    width = static_cast<std::int64_t>(row.size());
    values.insert(values.end(), row.begin(), row.end());
  }
  return torch::tensor(values).view({static_cast<std::int64_t>(rows.size()), width});
}

}  // namespace

class XLNetRelShiftTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void shiftsThreeByThree() {
    // qlen = klen = 3: six relative positions 3, 2, 1, 0, -1, -2 (columns 0..5).
    // Row i keeps columns 3 - i .. 5 - i.
    const torch::Tensor out = xlnetRelShift(numbered(3, 6), 3);
    const torch::Tensor expected = matrix({{3, 4, 5}, {12, 13, 14}, {21, 22, 23}});
    QCOMPARE(out.sizes().vec(), (std::vector<std::int64_t>{1, 1, 3, 3}));
    QVERIFY(torch::equal(out.view({3, 3}), expected));
  }

  void shiftsWithLongerKeys() {
    // qlen = 2, klen = 3 (as with one token of memory): five positions, row i keeps
    // columns 2 - i .. 4 - i.
    const torch::Tensor out = xlnetRelShift(numbered(2, 5), 3);
    const torch::Tensor expected = matrix({{2, 3, 4}, {11, 12, 13}});
    QVERIFY(torch::equal(out.view({2, 3}), expected));
  }

  void shiftedPositionIsQueryMinusKey() {
    // Score each (i, column) with the position the column stands for: klen - column.
    // After the shift, entry (i, j) must hold the relative position i - j.
    const std::int64_t len = 4;
    const torch::Tensor position = (len - torch::arange(2 * len))
                                       .to(torch::kFloat)
                                       .view({1, 1, 1, 2 * len})
                                       .expand({2, 3, len, 2 * len});
    const torch::Tensor out = xlnetRelShift(position, len);
    const torch::Tensor expected =
        (torch::arange(len).view({len, 1}) - torch::arange(len).view({1, len})).to(torch::kFloat);
    for (std::int64_t b = 0; b < 2; ++b) {
      for (std::int64_t n = 0; n < 3; ++n) QVERIFY(torch::equal(out[b][n], expected));
    }
  }

  void keepsBatchAndHeadsApart() {
    const torch::Tensor x = torch::arange(2 * 2 * 3 * 6).to(torch::kFloat).view({2, 2, 3, 6});
    const torch::Tensor out = xlnetRelShift(x, 3);
    // Block (b, n) starts at 18 * (2 * b + n) and its rows are 6 apart.
    const torch::Tensor rowsOf6 = matrix({{3, 4, 5}, {8, 9, 10}, {13, 14, 15}});
    for (std::int64_t b = 0; b < 2; ++b) {
      for (std::int64_t n = 0; n < 2; ++n) {
        QVERIFY(torch::equal(out[b][n], rowsOf6 + 18 * (2 * b + n)));
      }
    }
  }

  void encodesPositionsFromKlenDownToMinusQlen() {
    // dModel = 4: frequencies 1 and 1/100; positions 3, 2, 1, 0, -1, -2.
    const torch::Tensor encoding = xlnetRelativeEncoding(3, 3, 4);
    QCOMPARE(encoding.sizes().vec(), (std::vector<std::int64_t>{6, 4}));
    const float positions[] = {3, 2, 1, 0, -1, -2};
    for (int row = 0; row < 6; ++row) {
      const float p = positions[row];
      const torch::Tensor expected =
          torch::tensor({std::sin(p), std::sin(p / 100.0f), std::cos(p), std::cos(p / 100.0f)});
      QVERIFY2(torch::allclose(encoding[row], expected, 0, 1e-6),
               qPrintable(QStringLiteral("row %1").arg(row)));
    }
    // Position 0 is sin = 0, cos = 1.
    QVERIFY(torch::equal(encoding[3], torch::tensor({0.0f, 0.0f, 1.0f, 1.0f})));
  }

  void attentionMatchesTheFormulaTokenByToken() {
    // The relative attention computed pair by pair, as MODELS.md writes it:
    // score(i, j) = [(q_i + r_w_bias) . k_j + (q_i + r_r_bias) . R(i - j)
    //                + (q_i + r_s_bias) . seg_embed[segment_i != segment_j]] / sqrt(d_head),
    // with R(p) the projected sinusoid of relative position p and masked keys excluded.
    twb::EncoderConfig config;
    config.arch = "xlnet";
    config.hidden = 8;
    config.heads = 2;
    config.intermediate = 16;
    config.vocabSize = 10;
    torch::manual_seed(5);
    twb::XLNetRelativeAttention attention(config);
    attention->eval();
    {
      torch::NoGradGuard noGrad;
      for (auto& p : attention->parameters()) p.normal_(0.0, 0.5);
    }
    const std::int64_t len = 4, heads = 2, d = 4, hidden = 8;
    const torch::Tensor h = torch::randn({1, len, hidden});
    const torch::Tensor types = torch::tensor({0, 0, 1, 2}).view({1, len});
    const torch::Tensor other = types.unsqueeze(2).ne(types.unsqueeze(1));
    const torch::Tensor padded = torch::tensor({false, true, false, false});  // key 1 is padding
    const torch::Tensor masked =
        padded.view({1, 1, len}).logical_and(torch::eye(len).to(torch::kBool).logical_not());

    torch::NoGradGuard noGrad;
    const torch::Tensor actual =
        attention(h, xlnetRelativeEncoding(len, len, hidden), other, masked)[0];

    auto headOf = [&](const torch::Tensor& w, std::int64_t n) {  // [H, d]
      return w.select(1, n);
    };
    torch::Tensor out = torch::zeros({len, hidden});
    for (std::int64_t n = 0; n < heads; ++n) {
      const torch::Tensor q = torch::matmul(h[0], headOf(attention->q, n));  // [T, d]
      const torch::Tensor k = torch::matmul(h[0], headOf(attention->k, n));
      const torch::Tensor v = torch::matmul(h[0], headOf(attention->v, n));
      for (std::int64_t i = 0; i < len; ++i) {
        std::vector<double> scores;
        for (std::int64_t j = 0; j < len; ++j) {
          const double p = double(i - j);
          std::vector<float> sinusoid(hidden);
          for (std::int64_t f = 0; f < hidden / 2; ++f) {
            const double frequency = 1.0 / std::pow(10000.0, 2.0 * f / hidden);
            sinusoid[f] = float(std::sin(p * frequency));
            sinusoid[f + hidden / 2] = float(std::cos(p * frequency));
          }
          const torch::Tensor r = torch::matmul(torch::tensor(sinusoid), headOf(attention->r, n));
          const auto segment = other[0][i][j].item<bool>() ? 1 : 0;
          double score =
              (q[i] + attention->r_w_bias[n]).dot(k[j]).item<double>() +
              (q[i] + attention->r_r_bias[n]).dot(r).item<double>() +
              (q[i] + attention->r_s_bias[n]).dot(attention->seg_embed[segment][n]).item<double>();
          score /= std::sqrt(double(d));
          if (padded[j].item<bool>() && i != j) score = -1e30;
          scores.push_back(score);
        }
        const torch::Tensor probs = torch::softmax(torch::tensor(scores), 0).to(torch::kFloat);
        const torch::Tensor attended = torch::matmul(probs, v);      // [d]
        out[i] += torch::matmul(headOf(attention->o, n), attended);  // [H]
      }
    }
    const torch::Tensor expected = attention->layer_norm(out + h[0]);
    QVERIFY2(torch::allclose(actual, expected, 1e-4, 1e-5),
             qPrintable(QString::number((actual - expected).abs().max().item<double>())));
  }
};

QTEST_GUILESS_MAIN(XLNetRelShiftTest)
#include "test_xlnet_relshift.moc"
