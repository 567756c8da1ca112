// TorchApi.h: the one way the project includes LibTorch (Qt's `slots` macro breaks torch headers).
#pragma once

#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")
