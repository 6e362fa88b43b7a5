"""Results from phrasings: a table of sentences (written for these tests) and the rows they give."""
from __future__ import annotations

import pytest

import extractor

# (id, abstract, expected rows as dicts of the fields to check; [] means no row at all)
CASES = [
    ("score-metric-of", "Our method reaches a top-1 accuracy of 81.2% on ImageNet.",
     [{"kind": "score", "value": 81.2, "unit": "%", "metric": "top-1 accuracy", "dataset": "ImageNet-1k"}]),
    ("score-metric-after", "The detector obtains 48.3% mIoU on ADE20K.",
     [{"kind": "score", "value": 48.3, "metric": "mIoU", "dataset": "ADE20K"}]),
    ("score-bare-fid", "Our generator obtains an FID of 9.87 on FFHQ.",
     [{"kind": "score", "value": 9.87, "unit": "", "metric": "FID", "dataset": "FFHQ"}]),
    ("score-pm", "It has an AUROC value of 95.8 pm 1.2 on MVTec AD.",
     [{"kind": "score", "value": 95.8, "uncertainty": 1.2, "metric": "AUROC", "dataset": "MVTec AD"}]),
    ("respectively", "We reach 20.8% and 25.08% mIoU on nuScenes and ScanNet, respectively.",
     [{"value": 20.8, "dataset": "nuScenes", "metric": "mIoU"}, {"value": 25.08, "dataset": "ScanNet", "metric": "mIoU"}]),
    ("from-to", "Top-1 accuracy on ImageNet rises from 75.2% to 79%.",
     [{"kind": "score", "value": 75.2}, {"kind": "score", "value": 79.0}]),
    ("delta-by", "It improves accuracy on CIFAR-10 by 2.3%.",
     [{"kind": "delta", "value": 2.3, "direction": "up", "metric": "accuracy"}]),
    ("delta-after", "We see a 17.3% absolute accuracy improvement.",
     [{"kind": "delta", "value": 17.3, "direction": "up", "metric": "accuracy"}]),
    ("delta-reduce", "The method reduces memory by up to 30%.",
     [{"kind": "delta", "value": 30.0, "direction": "down", "qualifier": "<="}]),
    ("delta-sign", "Pruning gives -11.97% FLOPs on VQAv2.",
     [{"kind": "delta", "value": 11.97, "direction": "down"}]),
    ("delta-points", "Accuracy improves by 1.5 points.",
     [{"kind": "delta", "value": 1.5, "unit": "pp"}]),
    ("ratio-faster", "Inference is 10 times faster than the baseline.",
     [{"kind": "ratio", "value": 10.0, "unit": "x", "direction": "up", "metric": "speed"}]),
    ("ratio-fewer", "The spiking model needs 20x fewer operations.",
     [{"kind": "ratio", "value": 20.0, "direction": "down"}]),
    ("ratio-range", "Early stopping gives 2 - 6x speed-ups.",
     [{"kind": "ratio", "value_low": 2.0, "value_high": 6.0}]),
    ("relative", "The student keeps 99.2% of the original BERT performance.",
     [{"kind": "relative", "value": 99.2, "metric": "performance"}]),
    ("model-size-no-dataset", "FooNet reaches 88.1% top-1 accuracy on ImageNet with 25M parameters.",
     [{"kind": "score", "dataset": "ImageNet-1k"}, {"kind": "model_size", "dataset": None}]),
    ("model-size", "The largest model has 11 billion parameters.",
     [{"kind": "model_size", "value": 1.1e10, "unit": "param"}]),
    ("model-size-list", "We train two variants with 45M and 216M parameters.",
     [{"kind": "model_size", "value": 4.5e7}, {"kind": "model_size", "value": 2.16e8}]),
    ("model-size-range", "We test language models from 120M to 13B parameters.",
     [{"kind": "model_size", "value_low": 1.2e8, "value_high": 1.3e10}]),
    ("data-size", "The new dataset contains 5,000 portrait photos.",
     [{"kind": "data_size", "value": 5000.0, "unit": "image"}]),
    ("data-size-hours", "The corpus holds 1,167 hours of audio clips.",
     [{"kind": "data_size", "value": 1167.0, "unit": "h"}]),
    ("efficiency-fps", "The tracker runs at 77 FPS on one GPU.",
     [{"kind": "efficiency", "value": 77.0, "unit": "FPS"}]),
    ("efficiency-fps-lower-case", "On DAVIS 2016 it runs at 63.5 fps and a J&F score of 81.0%.",
     [{"kind": "efficiency", "value": 63.5, "unit": "FPS"}, {"kind": "score", "value": 81.0, "unit": "%"}]),
    ("efficiency-unit-against-number", "The detector answers in 42ms per frame and needs 12GB of memory.",
     [{"kind": "efficiency", "value": 42.0, "unit": "ms"}, {"kind": "efficiency", "value": 12.0, "unit": "GB"}]),
    ("efficiency-fps-against-number", "The tracker keeps 30fps on a laptop GPU.",
     [{"kind": "efficiency", "value": 30.0, "unit": "FPS"}]),
    ("name-letters-after-number-no-unit", "We train ResNet50 on 3080Ti GPUs with 2D and 3D inputs.", []),
    ("ratio-factor-of", "Pruning shrinks the checkpoint by a factor of 12 with no loss.",
     [{"kind": "ratio", "value": 12.0, "unit": "x", "direction": "down"}]),
    ("ratio-factor-of-qualified", "Training runs faster by a factor of about 2.5 on one node.",
     [{"kind": "ratio", "value": 2.5, "unit": "x", "qualifier": "~"}]),
    ("not-ratio-upsampled-by-factor", "Inputs are upsampled by a factor of 4 before encoding.", []),
    ("not-hardware-memory", "All runs fit on 48GB workstation GPUs.", []),
    ("efficiency-memory-of-gpu", "Inference needs 9GB of GPU memory.",
     [{"kind": "efficiency", "value": 9.0, "unit": "GB"}]),
    ("efficiency-gpu-hours", "Training takes 120 GPU hours on one node.",
     [{"kind": "efficiency", "value": 120.0, "unit": "GPU hour", "metric": "training time"}]),
    ("efficiency-gpu-days", "Pretraining took 3 GPU days.",
     [{"kind": "efficiency", "value": 3.0, "unit": "GPU day"}]),
    ("ratio-halves-the-metric", "Our sampler halves the geodesic error on FAUST.",
     [{"kind": "ratio", "value": 2.0, "direction": "down", "metric": "geodesic error"}]),
    ("no-phrase-across-bracket", "Our agent wins most duels (20.4%), the most number of wins.",
     [{"kind": "score", "value": 20.4, "metric": None}]),
    ("defined-set-with-version", "We present CityBench 2.0, a benchmark of 4,200 driving clips. "
     "Our agent scores 61.2% accuracy on CityBench 2.0.",
     [{"kind": "data_size", "value": 4200.0, "dataset": "CityBench 2.0"},
      {"kind": "score", "value": 61.2, "dataset": "CityBench 2.0", "method": None}]),
    ("score-with-uncertainty-unknown-metric", "Judges rate the replies low (mean CRS of 0.91 $\\pm$0.88).",
     [{"kind": "score", "value": 0.91, "uncertainty": 0.88, "metric": "mean CRS", "method": None}]),
    ("not-score-integer-with-uncertainty", "We train for 3 ± 1 epochs.", []),
    ("score-in-metres", "It cuts the MAE from 13.18 m to 1.80 m on the DFC19 dataset.",
     [{"kind": "score", "value": 13.18, "unit": "m", "metric": "MAE"},
      {"kind": "score", "value": 1.8, "unit": "m", "metric": "MAE"}]),
    ("delta-in-score-unit", "On synthetic scenes it outperforms the interpolators by almost 5 dB PSNR.",
     [{"kind": "delta", "value": 5.0, "unit": "dB", "metric": "PSNR", "direction": "up", "qualifier": "~"}]),
    ("delta-underperforming", "The splatting model is underperforming the interpolators by as much as 3.5 dB PSNR.",
     [{"kind": "delta", "value": 3.5, "unit": "dB", "direction": "down", "qualifier": "<="}]),
    ("not-result-confidence-level", "The gap holds at a 95% confidence level.", []),
    ("delta-qualified-integer-points", "It beats the state of the art by more than 11 BLEU points.",
     [{"kind": "delta", "value": 11.0, "metric": "BLEU", "qualifier": ">"}]),
    ("dataset-list-opens-sentence", "On RoboSim-A, Kitchen, and LIBERO-5 suites, it achieves 71.9%, 72.7%, and 96.5% "
     "success rates, respectively.",
     [{"value": 71.9, "dataset": "RoboSim-A", "method": None}, {"value": 72.7, "dataset": "Kitchen", "method": None},
      {"value": 96.5, "dataset": "LIBERO-5", "method": None}]),
    ("dataset-not-the-pretraining-set", "SANet reaches 83.2% mIoU (without COCO pre-training) on PASCAL VOC.",
     [{"value": 83.2, "metric": "mIoU", "dataset": "PASCAL VOC"}]),
    ("not-result-sample-rate", "Our codec runs on 16 kHz speech and is scored with PESQ.", []),
    ("own-method-acronym-lower-case-start", "We propose Physically-coupled Bounded Search (pc-bSR), an anytime "
     "planner. It plans trajectories that are 50-60% faster.",
     [{"kind": "delta", "value_low": 50.0, "value_high": 60.0, "metric": "speed", "method": "pc-bSR"}]),
    ("defined-set-is-a-benchmark", "Method: Delusion-bench is a novel benchmark designed to probe chatbots. "
     "The chatbots reach a mean DCS of 0.91 ± 0.88.",
     [{"kind": "score", "value": 0.91, "dataset": "Delusion-bench"}]),
    ("data-size-frames", "The capture holds over 54 million frames of motion.",
     [{"kind": "data_size", "value": 54e6, "unit": "frame", "qualifier": ">"}]),
    ("data-size-name-contains", "ZooMotion contains 32,979 sequences of animal motion.",
     [{"kind": "data_size", "value": 32979.0, "unit": "sample", "dataset": "ZooMotion"}]),
    ("data-size-segments-with-modifiers", "We label 5,385 annotated struggle segments.",
     [{"kind": "data_size", "value": 5385.0, "unit": "sample"}]),
    ("data-size-number-unit-compound", "We evaluate on a small, 285-image COCO-derived dataset.",
     [{"kind": "data_size", "value": 285.0, "unit": "image"}]),
    ("data-size-compound-singular", "We release a 20K-trajectory simulated dataset.",
     [{"kind": "data_size", "value": 20000.0, "unit": "sample"}]),
    ("not-data-size-compound-setting", "The model reads 16-frame clips.", []),
    ("not-ratio-repetitions", "Each model answered every question 15 times using a temperature of 1.0.", []),
    ("not-ratio-k-fold", "We use 5-fold cross-validation on the training split.", []),
    ("ratio-times-comparative", "The new kernel is 10 times faster than the reference.",
     [{"kind": "ratio", "value": 10.0, "metric": "speed"}]),
    ("ratio-times-after-change-verb", "Quantization cuts memory by 4 times.",
     [{"kind": "ratio", "value": 4.0, "direction": "down"}]),
    ("ratio-times-past-aside", "It achieves a 2.5 times (35% over 15%) improvement in recall.",
     [{"kind": "ratio", "value": 2.5}, {"value": 35.0}, {"value": 15.0}]),
    ("data-size-set-in-bracket", "The corpus comprises 10M caption-to-diagram pairs (DiagramSet-A).",
     [{"kind": "data_size", "value": 1e7, "dataset": "DiagramSet-A"}]),
    ("not-score-count-of-metric", "We study 7 tuning methods and 4 model sizes.", []),
    ("score-percent-success", "With five videos, the policy attains 80% success across four tasks.",
     [{"kind": "score", "value": 80.0, "metric": "success rate"}]),
    ("data-size-used-to-train", "More than 5.3 million training samples are used to train the network.",
     [{"kind": "data_size", "value": 5.3e6, "unit": "sample"}]),
    ("bare-decimal-on-benchmark-needs-a-report", "The gap shrinks to 0.5 on COCO after the update.", []),
    ("data-size-list-of-units", "Our dataset contains 3,252 video clips and 78 categories.",
     [{"kind": "data_size", "value": 3252.0, "unit": "video"}]),
    ("not-result-threshold", "It keeps full coverage at the 50% threshold.", []),
    ("efficiency-hertz-is-no-fps", "Our policy generates whole-body actions at 30 Hz on the robot.",
     [{"kind": "efficiency", "value": 30.0, "unit": "Hz"}]),
    ("efficiency-ms-norm", "Latency drops to 0.5 s per image.",
     [{"kind": "efficiency", "value": 0.5, "unit": "s"}]),
    ("no-year", "In 2023, we released three datasets.", []),
    ("no-name-digits", "We fine-tune ResNet-50 and GPT-3 on CIFAR-10.", []),
    ("no-setting-labels", "We train with 1% labelled data only.", []),
    ("no-count", "We evaluate 8 downstream tasks and 15 classes.", []),
    ("no-citation", "As shown in prior work [12], it holds.", []),
    ("no-hardware", "Training takes place on a 3080ti GPU.", []),
    ("no-upsampling-factor", "We test 4x super-resolution on faces.", []),
    ("no-model-name-size", "We prune OPT 66B and LLAMA2-70B.", []),
    ("no-unit-as-modifier", "It leads on 30 out of 33 video understanding benchmarks.", []),
    ("delta-gains-up-to", "The method brings relative gains up to 85.7% on hard splits.",
     [{"kind": "delta", "value": 85.7, "direction": "up", "qualifier": "<="}]),
    ("delta-outperforms-no-by", "Our schedule outperforms the 1F1B schedule up to 23% in throughput.",
     [{"kind": "delta", "value": 23.0, "direction": "up", "metric": "throughput"}]),
    ("delta-worse", "The model does perform 3.5% worse than the direct baseline.",
     [{"kind": "delta", "value": 3.5, "direction": "down"}]),
    ("delta-list-across-datasets", "It reduces FID by 38.6% on HumanML3D and 34.6% on KIT-ML.",
     [{"kind": "delta", "value": 38.6}, {"kind": "delta", "value": 34.6}]),
    ("slash-pair", "Experiments on LibriSpeech achieve 1.8/3.3 WER on the clean/other test sets.",
     [{"kind": "score", "value": 1.8, "metric": "WER"}, {"kind": "score", "value": 3.3, "metric": "WER"}]),
    ("list-shares-metric", "With the same model size as BERT, it obtains 94.6% and 88.7% F1 on SQuAD 1.1 and SQuAD 2.0 respectively.",
     [{"value": 94.6, "metric": "F1", "dataset": "SQuAD 1.1"}, {"value": 88.7, "metric": "F1", "dataset": "SQuAD 2.0"}]),
    ("in-terms-of", "We achieve the best accuracy (37.5 in terms of BLEU score) on WMT14 En-De.",
     [{"value": 37.5, "metric": "BLEU"}]),
    ("hours-spent", "Training takes 5 hours on one GPU.",
     [{"kind": "efficiency", "value": 5.0, "unit": "h"}]),
    ("percent-range-both-signs", "It beats the baselines by 9.51%-18.72% on all tasks.",
     [{"kind": "delta", "value_low": 9.51, "value_high": 18.72}]),
    ("no-first-part", "We use the first 25% of the task duration as input.", []),
    ("relative-of-full", "It can achieve 102.1% performance of full fine-tuning using only 10% selected data.",
     [{"kind": "relative", "value": 102.1, "metric": "performance"}]),
    ("delta-surge", "Error rates surge by over 600% in rotation tasks.",
     [{"kind": "delta", "value": 600.0, "direction": "up", "qualifier": ">"}]),
    ("baseline-than", "Our sampler is 10 times faster than DDPM on CIFAR-10.",
     [{"kind": "ratio", "value": 10.0, "baseline": "DDPM"}]),
    ("baseline-of-original", "The student keeps 99.2% of the original BERT performance.",
     [{"kind": "relative", "value": 99.2, "baseline": "BERT"}]),
    ("setting-shots", "In the zero-shot setting our model reaches 61.2% accuracy on ImageNet.",
     [{"kind": "score", "value": 61.2, "setting": "zero-shot setting"}]),
    ("no-hyperparameter", "Robust accuracy on CIFAR-10 improves under PGD-20 (epsilon = 0.031).", []),
    ("name-goes-on", "It reaches an accuracy of 92.5% on CIFAR10-DVS.",
     [{"kind": "score", "value": 92.5, "dataset": "CIFAR10-DVS", "dataset_known": False}]),
    ("delta-by-in-brackets", "It significantly improves SSIM (by 32%) on LLFF.",
     [{"kind": "delta", "value": 32.0, "metric": "SSIM"}]),
    ("delta-margin-of", "It beats Vim-Ti by a large margin of 5.6% accuracy on ImageNet.",
     [{"kind": "delta", "value": 5.6, "metric": "accuracy"}]),
    ("ratio-range-both-signs", "Our model is 3x-6x faster than existing compressors.",
     [{"kind": "ratio", "value_low": 3.0, "value_high": 6.0}]),
    ("unknown-metric-and-set", "It achieves 65.6% ANLS on DocVQA and 59.1% accuracy on FigQABench.",
     [{"value": 65.6, "metric": "ANLS", "metric_raw": "ANLS", "dataset": "DocVQA"},
      {"value": 59.1, "metric": "accuracy", "dataset": "FigQABench", "dataset_known": False}]),
    ("from-to-falling", "FID is improved from 18.65 to 15.94 on ImageNet.",
     [{"kind": "score", "value": 18.65, "metric": "FID"}, {"kind": "score", "value": 15.94, "metric": "FID"}]),
    ("named-brackets", "It beats prior work on Aircraft (93.9%) and NABirds (88.1%).",
     [{"kind": "score", "value": 93.9, "dataset": "Aircraft"}, {"kind": "score", "value": 88.1, "dataset": "NABirds"}]),
    ("metric-pairs", "We achieve an Inception score of 9.89 and FID of 2.20 on CIFAR-10.",
     [{"value": 9.89, "metric": "IS"}, {"value": 2.2, "metric": "FID"}]),
    ("lead-dataset", "On Kinetics-600, our linear probe achieves 70.4% top-1 accuracy, outperforming ImageNet pre-training.",
     [{"value": 70.4, "dataset": "Kinetics-600"}]),
    ("aside-then-dataset", "We reach 82.4% top-1 accuracy on UCF101 and 52.9% (+5.4% increase) on HMDB51.",
     [{"value": 82.4, "dataset": "UCF101"}, {"value": 52.9, "dataset": "HMDB51"}, {"kind": "delta", "value": 5.4}]),
    ("glued-and-split-names", "It scores 64.4% MOTA v.s. 66.1% MOTA on MOT-16.",
     [{"value": 64.4, "metric": "MOTA"}, {"value": 66.1, "metric": "MOTA", "dataset": "MOT16"}]),
    ("dataset-before-bracket", "It sets records on WMT14 En-Fr (43.8 BLEU and 46.4 BLEU with back-translation) and WMT14 En-De (30.1 BLEU).",
     [{"value": 43.8, "dataset": "WMT14 En-Fr"}, {"value": 46.4, "dataset": "WMT14 En-Fr"},
      {"value": 30.1, "dataset": "WMT14 En-De"}]),
    ("context-dataset", "We evaluate on CIFAR-10. Our model reaches 97.1% accuracy.",
     [{"kind": "score", "value": 97.1, "dataset": "CIFAR-10"}]),
    ("multiplier-words-only", "Our tracker runs two orders of magnitude faster than optical flow.",
     [{"kind": "ratio", "value": 100.0, "unit": "x"}]),
    ("no-number-in-triples", "We store the facts as RDF triples within an ontology.", []),
    ("superscript-in-method-name", "We present M³Net, a detector. M³Net improves mAP by 3.1% on COCO.",
     [{"kind": "delta", "value": 3.1, "method": "M³Net", "dataset": "COCO"}]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_results_from_phrasings(text, expected):
    rows = extractor.extract(text)
    assert len(rows) == len(expected), [(r.kind, r.text, r.value) for r in rows]
    for row, want in zip(rows, expected):
        for field, value in want.items():
            got = getattr(row, field)
            assert got == pytest.approx(value) if isinstance(value, float) else got == value, (field, got)


KNOWN_MISSES = [
    ("list-across-words", "It detects 423 COVID-19, 1485 viral pneumonia and 1579 normal chest X-ray images.", 3),
    ("comma-in-unit", "We collect 76.5k article, summary pairs.", 1),
]


@pytest.mark.parametrize("text,count", [c[1:] for c in KNOWN_MISSES], ids=[c[0] for c in KNOWN_MISSES])
@pytest.mark.xfail(strict=True, reason="known miss: the unit word is not next to every member of the list")
def test_known_misses(text, count):
    assert len(extractor.extract(text)) == count


def test_offsets_point_into_the_normalized_abstract():
    text = r"Our model reaches 50\% accuracy and is $3\times$ faster."
    from extractor.text import normalize

    abstract = normalize(text)
    for row in extractor.extract(text):
        assert abstract[row.char_start:row.char_end] == row.text


def test_same_input_same_ids():
    text = "It improves accuracy on CIFAR-10 by 2.3% and is 3x faster."
    assert [r.result_id for r in extractor.extract(text)] == [r.result_id for r in extractor.extract(text)]


def test_value_norm_converts_seconds_and_fractions():
    [lat] = extractor.extract("Latency drops to 0.5 s per image.")
    assert (lat.value_norm, lat.unit_norm) == (500.0, "ms")
    [auc] = extractor.extract("The classifier reaches an AUROC of 0.92 on CheXpert.")
    assert (auc.value, auc.unit, auc.value_norm, auc.unit_norm) == (0.92, "", 92.0, "%")
