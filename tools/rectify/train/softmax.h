// The output layer's loss: softmax cross-entropy of logits + bias against
// class labels, numerically stable (the row maximum is subtracted before
// exp).
#ifndef RECTIFY_TOOLS_RECTIFY_TRAIN_SOFTMAX_H_
#define RECTIFY_TOOLS_RECTIFY_TRAIN_SOFTMAX_H_

#include <cstddef>
#include <cstdint>

namespace rectify_cli::train {

// For each of `batch` rows of `classes` logits (row-major), v = logits + bias
// (bias may be null: 0), p = softmax(v) and loss = -log p[label]. Returns
// the sum of the rows' losses (in double). When dlogits is not null it
// receives the gradient of the mean loss over the batch,
// (p - onehot(label)) / batch; it may be exactly logits. When dbias is not
// null it receives the column sums of that gradient (overwritten). Labels
// must be < classes. Allocates nothing for up to 64 classes;
// single-threaded.
double SoftmaxCrossEntropy(const float* logits, const float* bias, const std::uint8_t* labels,
                           std::size_t batch, std::size_t classes, float* dlogits, float* dbias);

// The number of rows whose largest logits + bias (bias may be null; the
// first on ties) is at the label's column.
std::size_t CountCorrect(const float* logits, const float* bias, const std::uint8_t* labels,
                         std::size_t batch, std::size_t classes);

}  // namespace rectify_cli::train

#endif  // RECTIFY_TOOLS_RECTIFY_TRAIN_SOFTMAX_H_
