#include "train/train_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "common/text_util.h"
#include "train/optimizer.h"

namespace rectify_cli::train {
namespace {

std::string Format(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}


std::string JsonCounts(const std::vector<std::size_t>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ", ";
    out += std::to_string(values[i]);
  }
  return out + "]";
}

std::size_t HiddenUnits(const TrainConfig& config) {
  return std::accumulate(config.hidden.begin(), config.hidden.end(), std::size_t{0});
}

std::string NetworkShape(std::size_t inputs, const TrainConfig& config) {
  std::string shape = std::to_string(inputs);
  for (const std::size_t units : config.hidden) {
    shape += '-';
    shape += std::to_string(units);
  }
  shape += '-';
  shape += std::to_string(kClasses);
  return shape;
}

std::string OptimizerText(const OptimizerConfig& o) {
  std::ostringstream out;
  out << OptimizerName(o.kind) << " lr " << o.learning_rate;
  if (o.kind == OptimizerKind::kAdam) {
    out << " (betas " << o.beta1 << ", " << o.beta2 << ", eps " << o.epsilon << ")";
  } else {
    out << " momentum " << o.momentum;
  }
  return out.str();
}

// "12/256 0/128": dead units of each hidden layer out of its units.
std::string DeadText(const std::vector<std::size_t>& dead, const TrainConfig& config) {
  std::string text;
  for (std::size_t l = 0; l < dead.size() && l < config.hidden.size(); ++l) {
    if (!text.empty()) text += ' ';
    text += std::to_string(dead[l]) + "/" + std::to_string(config.hidden[l]);
  }
  return text;
}

// Writes `text` to `path` through a temporary file and a rename, so a
// reader never sees half a file.
void WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + temporary);
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) throw std::runtime_error("cannot write " + path + ": " + error.message());
}

}  // namespace

RunSummary Summarize(const ActivationRun& run) {
  RunSummary summary;
  double seconds = 0;
  for (const EpochResult& e : run.epochs) {
    seconds += e.train_seconds;
    if (e.test_accuracy > summary.best_accuracy || summary.best_epoch == 0) {
      summary.best_accuracy = e.test_accuracy;
      summary.best_epoch = e.epoch;
    }
    if (!summary.epochs_to_target && e.test_accuracy >= kTargetAccuracy) {
      summary.epochs_to_target = e.epoch;
      summary.seconds_to_target = seconds;
    }
  }
  summary.train_seconds = seconds;
  if (!run.epochs.empty()) {
    summary.final_dead_fraction = run.epochs.back().dead_fraction;
    summary.final_dead = run.epochs.back().dead;
  }
  return summary;
}

std::string DescribeConfig(const TrainInfo& info) {
  const TrainConfig& c = info.config;
  std::ostringstream out;
  out << "scenario " << info.scenario << ": " << NetworkShape(info.inputs, c)
      << " softmax cross-entropy, " << OptimizerText(c.optimizer) << ", batch " << c.batch << ", "
      << c.epochs << " epoch" << (c.epochs == 1 ? "" : "s") << ", seed " << c.seed << ", "
      << info.threads << " OpenBLAS thread" << (info.threads == 1 ? "" : "s") << " and "
      << info.rectify_threads << " rectify thread" << (info.rectify_threads == 1 ? "" : "s") << "\n"
      << "data: " << info.data_dir << ", " << info.train_rows << " training and " << info.test_rows
      << " test images, standardised with the training mean " << Format("%.4f", info.pixels.mean)
      << " and std " << Format("%.4f", info.pixels.stddev)
      << "\ndead unit: no positive pre-activation in the last "
      << BatchesPerEpoch(info.train_rows, c.batch) << " training batches (one epoch)";
  if (!info.scenario_why.empty()) out << "\n" << info.scenario_why;
  return out.str();
}

std::string EpochLine(const std::string& activation, std::size_t name_width, const EpochResult& e,
                      const TrainConfig& config) {
  const int epoch_width = static_cast<int>(std::to_string(config.epochs).size());
  // A diverged loss is "nan" or "inf", whatever its sign bit.
  const std::string loss = std::isfinite(e.train_loss) ? Format("%.4f", e.train_loss)
                           : std::isnan(e.train_loss)  ? "nan"
                                                       : "inf";
  char text[256];
  std::snprintf(text, sizeof text,
                "%-*s epoch %*zu/%zu  loss %s  test %6.2f%%  dead %s  train %.2f s  eval %.2f s",
                static_cast<int>(name_width), activation.c_str(), epoch_width, e.epoch,
                config.epochs, loss.c_str(), 100 * e.test_accuracy,
                DeadText(e.dead, config).c_str(), e.train_seconds, e.eval_seconds);
  return text;
}

void PrintSummary(std::FILE* out, const std::vector<ActivationRun>& runs,
                  const TrainConfig& config) {
  std::size_t name_width = std::string("activation").size();
  for (const ActivationRun& run : runs) name_width = std::max(name_width, run.activation.size());
  const int w = static_cast<int>(name_width);
  const std::string target = Format("%.0f%%", 100 * kTargetAccuracy);
  std::fprintf(out, "%-*s  %9s  %5s  %*s  %*s  %s\n", w, "activation", "best test", "epoch",
               static_cast<int>(target.size() + 10), ("epochs to " + target).c_str(),
               static_cast<int>(target.size() + 11), ("seconds to " + target).c_str(),
               "dead units (final)");
  const std::size_t hidden_units = HiddenUnits(config);
  for (const ActivationRun& run : runs) {
    if (run.epochs.empty()) continue;
    const RunSummary s = Summarize(run);
    const std::string epochs = s.epochs_to_target ? std::to_string(*s.epochs_to_target) : "-";
    const std::string seconds = s.seconds_to_target ? Format("%.1f", *s.seconds_to_target) : "-";
    const std::size_t dead =
        std::accumulate(s.final_dead.begin(), s.final_dead.end(), std::size_t{0});
    std::fprintf(out, "%-*s  %8.2f%%  %5zu  %*s  %*s  %5.1f%% (%zu/%zu)\n", w,
                 run.activation.c_str(), 100 * s.best_accuracy, s.best_epoch,
                 static_cast<int>(target.size() + 10), epochs.c_str(),
                 static_cast<int>(target.size() + 11), seconds.c_str(), 100 * s.final_dead_fraction,
                 dead, hidden_units);
  }
}

void WriteCsv(const std::string& path, const std::vector<ActivationRun>& runs,
              const TrainConfig& config) {
  std::ostringstream out;
  out << "activation,epoch,train_loss,test_loss,test_accuracy";
  for (std::size_t l = 0; l < config.hidden.size(); ++l) out << ",dead_layer" << l + 1;
  out << ",dead_fraction,train_seconds,eval_seconds\n";
  for (const ActivationRun& run : runs) {
    for (const EpochResult& e : run.epochs) {
      out << run.activation << ',' << e.epoch << ',' << Format("%.8g", e.train_loss) << ','
          << Format("%.8g", e.test_loss) << ',' << Format("%.6f", e.test_accuracy);
      for (const std::size_t dead : e.dead) out << ',' << dead;
      out << ',' << Format("%.6f", e.dead_fraction) << ',' << Format("%.6f", e.train_seconds) << ','
          << Format("%.6f", e.eval_seconds) << '\n';
    }
  }
  WriteFileAtomically(path, out.str());
}

void WriteJson(const std::string& path, const TrainInfo& info,
               const std::vector<ActivationRun>& runs, bool complete) {
  const TrainConfig& c = info.config;
  const OptimizerConfig& o = c.optimizer;
  const bool adam = o.kind == OptimizerKind::kAdam;
  std::vector<std::size_t> network = {info.inputs};
  network.insert(network.end(), c.hidden.begin(), c.hidden.end());
  network.push_back(kClasses);

  std::ostringstream out;
  out << "{\n"
      << "  \"tool\": \"rectify train\",\n"
      << "  \"command\": " << JsonString(info.command) << ",\n"
      << "  \"scenario\": " << JsonString(info.scenario) << ",\n"
      << "  \"scenario_description\": " << JsonString(info.scenario_why) << ",\n"
      << "  \"config\": {\"network\": " << JsonCounts(network)
      << ", \"hidden\": " << JsonCounts(c.hidden) << ", \"loss\": \"softmax cross-entropy\""
      << ", \"output_init\": \"xavier_uniform\", \"bias_init\": 0,\n"
      << "             \"optimizer\": " << JsonString(OptimizerName(o.kind))
      << ", \"learning_rate\": " << JsonNumber(o.learning_rate)
      << ", \"momentum\": " << (adam ? "null" : JsonNumber(o.momentum))
      << ", \"beta1\": " << (adam ? JsonNumber(o.beta1) : "null")
      << ", \"beta2\": " << (adam ? JsonNumber(o.beta2) : "null")
      << ", \"epsilon\": " << (adam ? JsonNumber(o.epsilon) : "null") << ",\n"
      << "             \"batch\": " << c.batch << ", \"epochs\": " << c.epochs
      << ", \"seed\": " << c.seed << ", \"target_accuracy\": " << JsonNumber(kTargetAccuracy)
      << ", \"dead_window_batches\": " << BatchesPerEpoch(info.train_rows, c.batch) << "},\n"
      << "  \"data\": {\"dir\": " << JsonString(info.data_dir)
      << ", \"train_rows\": " << info.train_rows << ", \"test_rows\": " << info.test_rows
      << ", \"inputs\": " << info.inputs
      << ",\n           \"preprocessing\": \"pixels / 255, then (x - mean) / std with the "
         "training set's mean and std\", \"mean\": "
      << JsonNumber(info.pixels.mean) << ", \"std\": " << JsonNumber(info.pixels.stddev) << "},\n"
      << "  \"machine\": {\"cpu\": " << JsonString(info.cpu)
      << ", \"logical_cpus\": " << info.logical_cpus << ", \"threads\": " << info.threads
      << ", \"rectify_threads\": " << info.rectify_threads
      << ", \"rectify_version\": " << JsonString(info.rectify_version)
      << ", \"rectify_target\": " << JsonString(info.rectify_target)
      << ", \"accuracy\": " << JsonString(info.accuracy) << ", \"blas\": " << JsonString(info.blas)
      << "},\n"
      << "  \"runs\": [";
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const ActivationRun& run = runs[r];
    out << (r == 0 ? "\n" : ",\n") << "    {\"activation\": " << JsonString(run.activation)
        << ", \"alpha\": " << JsonNumber(run.alpha) << ", \"beta\": " << JsonNumber(run.beta)
        << ", \"init\": " << JsonString(run.init) << ",\n     \"epochs\": [";
    for (std::size_t i = 0; i < run.epochs.size(); ++i) {
      const EpochResult& e = run.epochs[i];
      out << (i == 0 ? "\n" : ",\n") << "       {\"epoch\": " << e.epoch
          << ", \"train_loss\": " << JsonNumber(e.train_loss)
          << ", \"test_loss\": " << JsonNumber(e.test_loss)
          << ", \"test_accuracy\": " << JsonNumber(e.test_accuracy)
          << ", \"dead_units\": " << JsonCounts(e.dead)
          << ", \"dead_fraction\": " << JsonNumber(e.dead_fraction)
          << ", \"train_seconds\": " << JsonNumber(e.train_seconds)
          << ", \"eval_seconds\": " << JsonNumber(e.eval_seconds) << "}";
    }
    out << "]";
    if (!run.epochs.empty()) {
      const RunSummary s = Summarize(run);
      out << ",\n     \"summary\": {\"best_test_accuracy\": " << JsonNumber(s.best_accuracy)
          << ", \"best_epoch\": " << s.best_epoch << ", \"epochs_to_target\": "
          << (s.epochs_to_target ? std::to_string(*s.epochs_to_target) : "null")
          << ", \"seconds_to_target\": "
          << (s.seconds_to_target ? JsonNumber(*s.seconds_to_target) : "null")
          << ", \"final_dead_fraction\": " << JsonNumber(s.final_dead_fraction)
          << ", \"final_dead_units\": " << JsonCounts(s.final_dead)
          << ", \"train_seconds\": " << JsonNumber(s.train_seconds) << "}";
    }
    out << "}";
  }
  out << "\n  ],\n  \"complete\": " << (complete ? "true" : "false") << "\n}\n";
  WriteFileAtomically(path, out.str());
}

}  // namespace rectify_cli::train
