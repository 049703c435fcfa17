#pragma once
// JPEG fixtures made with libjpeg at test time (no binary files in the tree): a plain
// gradient image, or noise, which compresses badly and so makes large files.
#include <string>

namespace gw::test {

std::string make_jpeg(int width, int height, int quality = 85, bool noise = false);

}  // namespace gw::test
