// The reports of `rectify train`: the summary's arithmetic, the epoch line,
// and the CSV and JSON files.
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "train/train_report.h"

namespace rectify_cli::train {
namespace {

EpochResult Epoch(std::size_t epoch, double accuracy, double seconds,
                  std::vector<std::size_t> dead) {
  EpochResult e;
  e.epoch = epoch;
  e.train_loss = 1.0 / static_cast<double>(epoch);
  e.test_loss = 0.5;
  e.test_accuracy = accuracy;
  e.dead = dead;
  e.dead_fraction = static_cast<double>(dead[0] + dead[1]) / 12.0;
  e.train_seconds = seconds;
  e.eval_seconds = 0.25;
  return e;
}

ActivationRun FourEpochRun() {
  ActivationRun run;
  run.activation = "relu";
  run.init = "he_normal";
  run.epochs = {Epoch(1, 0.80, 1.5, {0, 0}), Epoch(2, 0.86, 2.0, {1, 0}),
                Epoch(3, 0.85, 1.0, {2, 1}), Epoch(4, 0.86, 1.0, {3, 0})};
  return run;
}

TrainConfig Config() {
  TrainConfig config;
  config.hidden = {8, 4};
  config.epochs = 4;
  return config;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(TrainReportTest, Summary) {
  const RunSummary s = Summarize(FourEpochRun());
  EXPECT_EQ(s.best_accuracy, 0.86);
  EXPECT_EQ(s.best_epoch, 2u);  // the first epoch with the best accuracy
  ASSERT_TRUE(s.epochs_to_target.has_value());
  EXPECT_EQ(*s.epochs_to_target, 2u);
  EXPECT_DOUBLE_EQ(*s.seconds_to_target, 3.5);  // training seconds of epochs 1 and 2
  EXPECT_DOUBLE_EQ(s.train_seconds, 5.5);
  EXPECT_DOUBLE_EQ(s.final_dead_fraction, 0.25);
  EXPECT_EQ(s.final_dead, (std::vector<std::size_t>{3, 0}));

  ActivationRun never = FourEpochRun();
  for (EpochResult& e : never.epochs) e.test_accuracy = 0.5;
  EXPECT_FALSE(Summarize(never).epochs_to_target.has_value());
}

TEST(TrainReportTest, EpochLine) {
  EpochResult e = Epoch(3, 0.8567, 1.25, {2, 1});
  const std::string line = EpochLine("relu", 6, e, Config());
  EXPECT_EQ(line,
            "relu   epoch 3/4  loss 0.3333  test  85.67%  dead 2/8 1/4  train 1.25 s  eval 0.25 s");
  e.train_loss = -NAN;
  EXPECT_NE(EpochLine("relu", 4, e, Config()).find("loss nan "), std::string::npos);
}

TEST(TrainReportTest, Files) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("rectify-train-report-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  TrainInfo info;
  info.command = "rectify train \"quoted\"";
  info.scenario = "standard";
  info.config = Config();
  info.train_rows = 100;
  info.test_rows = 10;
  info.inputs = 784;
  const std::vector<ActivationRun> runs = {FourEpochRun()};

  const std::string csv = (dir / "train.csv").string();
  WriteCsv(csv, runs, info.config);
  const std::string csv_text = ReadAll(csv);
  EXPECT_EQ(csv_text.substr(0, csv_text.find('\n')),
            "activation,epoch,train_loss,test_loss,test_accuracy,dead_layer1,dead_layer2,"
            "dead_fraction,train_seconds,eval_seconds");
  EXPECT_NE(csv_text.find("\nrelu,4,0.25,0.5,0.860000,3,0,0.250000,1.000000,0.250000\n"),
            std::string::npos);

  const std::string json = (dir / "train.json").string();
  WriteJson(json, info, runs, true);
  const std::string json_text = ReadAll(json);
  EXPECT_NE(json_text.find("\"command\": \"rectify train \\\"quoted\\\"\""), std::string::npos);
  EXPECT_NE(json_text.find("\"network\": [784, 8, 4, 10]"), std::string::npos);
  EXPECT_NE(json_text.find("\"dead_units\": [3, 0]"), std::string::npos);
  EXPECT_NE(json_text.find("\"epochs_to_target\": 2"), std::string::npos);
  EXPECT_NE(json_text.find("\"complete\": true"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(json + ".tmp"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rectify_cli::train
