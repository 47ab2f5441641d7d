// Stands in for Highway's "hwy/highway.h" in the translation units that
// compile the op bodies on one lane (the CUDA kernels and the host test of
// them): their include path puts src/lane/shadow before Highway's, so the
// op headers of src/kernels get lane/one_lane.h instead. Those units never
// include the real Highway.
#include "lane/one_lane.h"
