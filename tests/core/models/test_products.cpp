// The model's matrix products on oneDNN: torch's results and gradients, whatever the layout.
#include <ATen/autocast_mode.h>

#include <QtTest>

#include "models/OneDnnProduct.h"
#include "models/Products.h"

using namespace twb;

namespace {

// The largest difference from a float64 reference, relative to the reference's largest value.
double relativeError(const torch::Tensor& got, const torch::Tensor& want) {
  const double scale = std::max(want.abs().max().item<double>(), 1e-12);
  return (got.to(torch::kFloat64) - want).abs().max().item<double>() / scale;
}

bool ranOnOneDnn(const torch::Tensor& out) {
  return out.grad_fn() && QString::fromStdString(out.grad_fn()->name()).contains("Function");
}

// A float64 leaf copy of t that records its gradient.
torch::Tensor reference(const torch::Tensor& t) {
  return t.detach().to(torch::kFloat64).requires_grad_(true);
}

}  // namespace

class ProductsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    torch::set_num_threads(2);
    torch::manual_seed(7);
  }
  void init() { setFloatProducts(FloatProducts::OneDnn); }

  void linearMatchesTorchForwardAndBackward_data() {
    QTest::addColumn<QString>("layout");
    QTest::newRow("3-D activations") << "3d";
    QTest::newRow("2-D rows") << "2d";
    QTest::newRow("a strided slice ([CLS] rows)") << "slice";
    QTest::newRow("transposed weight view (XLNet)") << "weight-view";
    QTest::newRow("no bias") << "no-bias";
  }
  void linearMatchesTorchForwardAndBackward() {
    QFETCH(QString, layout);
    torch::Tensor x = torch::randn({4, 33, 48}).requires_grad_(true);
    torch::Tensor weight = torch::randn({40, 48}).requires_grad_(true);
    torch::Tensor bias = torch::randn({40}).requires_grad_(true);
    torch::Tensor input = x, w = weight, b = bias;
    if (layout == "2d") input = x.reshape({-1, 48});
    if (layout == "slice") input = x.select(1, 0);  // rows 33 * 48 apart
    if (layout == "no-bias") b = torch::Tensor();
    torch::Tensor storedTransposed;
    if (layout == "weight-view") {  // stored [in, out], used as its transpose
      storedTransposed = torch::randn({48, 40}).requires_grad_(true);
      w = storedTransposed.t();
    }
    const torch::Tensor out = linearProduct(input, w, b);
    QVERIFY(ranOnOneDnn(out));

    const torch::Tensor x64 = reference(x),
                        w64 = reference(layout == "weight-view" ? storedTransposed : weight),
                        b64 = reference(bias);
    torch::Tensor in64 = x64;
    if (layout == "2d") in64 = x64.reshape({-1, 48});
    if (layout == "slice") in64 = x64.select(1, 0);
    const torch::Tensor want = torch::linear(in64, layout == "weight-view" ? w64.t() : w64,
                                             layout == "no-bias" ? torch::Tensor() : b64);
    QCOMPARE(out.sizes(), want.sizes());
    QVERIFY2(relativeError(out, want) < 1e-5,
             qPrintable(QString::number(relativeError(out, want))));

    const torch::Tensor upstream = torch::randn(out.sizes(), torch::kFloat64);
    (out * upstream.to(torch::kFloat32)).sum().backward();
    (want * upstream).sum().backward();
    QVERIFY(relativeError(x.grad(), x64.grad()) < 1e-5);
    if (layout == "weight-view")
      QVERIFY(relativeError(storedTransposed.grad(), w64.grad()) < 1e-5);
    else
      QVERIFY(relativeError(weight.grad(), w64.grad()) < 1e-5);
    if (layout == "no-bias")
      QVERIFY(!bias.grad().defined());
    else
      QVERIFY(relativeError(bias.grad(), b64.grad()) < 1e-5);
  }

  // Attention's products: 4-D, with the transposed and permuted views the encoders pass.
  void batchedMatchesTorchForwardAndBackward() {
    const torch::Tensor qkv = torch::randn({3, 20, 3 * 32}).requires_grad_(true);
    auto heads = [](const torch::Tensor& t) { return t.view({3, 20, 4, 8}).transpose(1, 2); };
    const std::vector<torch::Tensor> parts = qkv.chunk(3, -1);
    const torch::Tensor scores = batchedProduct(heads(parts[0]), heads(parts[1]).transpose(-1, -2));
    QVERIFY(ranOnOneDnn(scores));
    const torch::Tensor context = batchedProduct(torch::softmax(scores, -1), heads(parts[2]));
    QVERIFY(ranOnOneDnn(context));

    const torch::Tensor qkv64 = reference(qkv);
    const std::vector<torch::Tensor> parts64 = qkv64.chunk(3, -1);
    const torch::Tensor scores64 =
        torch::matmul(heads(parts64[0]), heads(parts64[1]).transpose(-1, -2));
    const torch::Tensor context64 = torch::matmul(torch::softmax(scores64, -1), heads(parts64[2]));
    QVERIFY(relativeError(scores, scores64) < 1e-5);
    QVERIFY(relativeError(context, context64) < 1e-5);
    const torch::Tensor upstream = torch::randn(context.sizes(), torch::kFloat64);
    (context * upstream.to(torch::kFloat32)).sum().backward();
    (context64 * upstream).sum().backward();
    QVERIFY2(relativeError(qkv.grad(), qkv64.grad()) < 1e-5,
             qPrintable(QString::number(relativeError(qkv.grad(), qkv64.grad()))));
  }

  // What oneDNN is not given: bfloat16 under autocast, mismatched ranks, or the Blas choice.
  void othersGoThroughTorch() {
    const torch::Tensor x = torch::randn({5, 16}), w = torch::randn({8, 16});
    {
      const bool was = at::autocast::is_cpu_enabled();
      at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
      at::autocast::set_cpu_enabled(true);
      const torch::Tensor out = linearProduct(x, w.requires_grad_(true));
      at::autocast::set_cpu_enabled(was);
      at::autocast::clear_cache();
      QCOMPARE(out.scalar_type(), torch::kBFloat16);
      QVERIFY(!ranOnOneDnn(out));
    }
    const torch::Tensor broadcast =
        batchedProduct(torch::randn({2, 3, 5, 4}).requires_grad_(true), torch::randn({3, 4, 6}));
    QCOMPARE(broadcast.sizes(), (torch::IntArrayRef{2, 3, 5, 6}));
    QVERIFY(!ranOnOneDnn(broadcast));
    setFloatProducts(FloatProducts::Blas);
    const torch::Tensor blas = linearProduct(x, w);
    QVERIFY(!ranOnOneDnn(blas));
    QVERIFY(torch::equal(blas, torch::linear(x, w)));
  }

  // What torch::linear accepts or refuses, the same way: a one-value bias broadcast, a wrong-sized
  // one refused, overlapping rows (a sliding window), an empty inner dimension.
  void edgeCasesAsTorch() {
    const torch::Tensor x = torch::randn({4, 5}), w = torch::randn({3, 5});
    for (const torch::Tensor& bias : {torch::randn({1}), torch::randn({})})
      QVERIFY(torch::allclose(linearProduct(x, w, bias), torch::linear(x, w, bias), 1e-5, 1e-6));
    bool refused = false;
    try {
      (void)linearProduct(x, w, torch::randn({5}));
    } catch (const c10::Error&) {
      refused = true;
    }
    QVERIFY(refused);
    const torch::Tensor window = torch::randn({200}).as_strided({10, 8}, {2, 1});
    const torch::Tensor w8 = torch::randn({3, 8});
    QVERIFY(torch::allclose(linearProduct(window, w8), torch::linear(window, w8), 1e-5, 1e-6));
    const torch::Tensor bias = torch::randn({3});
    QVERIFY(torch::equal(linearProduct(torch::randn({4, 0}), torch::randn({3, 0}), bias),
                         bias.expand({4, 3})));
    QCOMPARE(batchedProduct(torch::randn({2, 3, 0, 5}), torch::randn({2, 3, 5, 4})).sizes(),
             (torch::IntArrayRef{2, 3, 0, 4}));
  }

  // A product's result is the caller's to change in place, and its gradient can be
  // differentiated again (create_graph), as torch's.
  void inPlaceChangesAndDoubleBackward() {
    const torch::Tensor x = torch::randn({6, 5}).requires_grad_(true);
    const torch::Tensor w = torch::randn({3, 5}).requires_grad_(true);
    torch::Tensor y = linearProduct(x, w);
    QVERIFY(ranOnOneDnn(y));
    y.relu_();
    torch::Tensor s = batchedProduct(x.view({2, 3, 5}), x.view({2, 5, 3}));
    s.mul_(2);
    (y.sum() + s.sum()).backward();
    const torch::Tensor x2 = x.detach().clone().requires_grad_(true);
    (torch::linear(x2, w.detach()).relu().sum() +
     torch::matmul(x2.view({2, 3, 5}), x2.view({2, 5, 3})).mul(2).sum())
        .backward();
    QVERIFY(torch::allclose(x.grad(), x2.grad(), 1e-5, 1e-5));

    const torch::Tensor gx =
        torch::autograd::grad({linearProduct(x, w).pow(2).sum()}, {x}, {}, true, true)[0];
    const torch::Tensor gw = torch::autograd::grad({gx.pow(2).sum()}, {w})[0];
    const torch::Tensor w2 = w.detach().clone().requires_grad_(true);
    const torch::Tensor gx2 =
        torch::autograd::grad({torch::linear(x2, w2).pow(2).sum()}, {x2}, {}, true, true)[0];
    const torch::Tensor gw2 = torch::autograd::grad({gx2.pow(2).sum()}, {w2})[0];
    QVERIFY(torch::allclose(gw, gw2, 1e-4, 1e-4));
  }

  // No rows (an empty batch) and more layouts than the primitive cache holds.
  void emptyOperandsAndManyShapes() {
    const torch::Tensor none =
        linearProduct(torch::zeros({0, 16}), torch::randn({8, 16}), torch::randn({8}));
    QCOMPARE(none.sizes(), (torch::IntArrayRef{0, 8}));
    const torch::Tensor w = torch::randn({8, 16});
    for (int rows = 1; rows <= 600; ++rows) {
      const torch::Tensor x = torch::randn({rows, 16});
      const torch::Tensor out = oneDnnMatmul(x, w.t());
      if (rows % 97 == 0) QVERIFY(torch::allclose(out, torch::matmul(x, w.t()), 1e-5, 1e-5));
    }
  }
};

QTEST_APPLESS_MAIN(ProductsTest)
#include "test_products.moc"
