"""The two networks. Both are small on purpose: they train on a CPU in minutes and run in a few
milliseconds under onnxruntime."""
import torch
import torch.nn as nn

ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
READER_H, READER_W = 32, 128
READER_MEAN, READER_STD = 0.5, 0.25
DETECTOR_SIZE = 384
DETECTOR_STRIDE = 4


def cbr(i, o, k=3, s=1, p=1, d=1):
    return [nn.Conv2d(i, o, k, s, p, dilation=d, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]


class Reader(nn.Module):
    """Conv-only CRNN with a CTC head: [N,1,32,128] -> logits [N,32,37] (index 0 = blank).
    No LSTM: on a CPU the recurrent layer cost 3x the whole conv stack in training, and the
    1-D convolutions at the end see ±4 columns, enough context for plate characters."""

    def __init__(self, c=(16, 32, 64, 96, 128)):
        super().__init__()
        a, b, cc, d, e = c
        self.features = nn.Sequential(
            *cbr(1, a), nn.MaxPool2d(2),                 # 16x64
            *cbr(a, b), nn.MaxPool2d(2),                 # 8x32
            *cbr(b, cc), *cbr(cc, cc), nn.MaxPool2d((2, 1)),   # 4x32
            *cbr(cc, d), *cbr(d, d), nn.MaxPool2d((2, 1)),     # 2x32
            *cbr(d, e, k=(2, 3), p=(0, 1)),              # 1x32
        )
        self.seq = nn.Sequential(
            nn.Conv1d(e, e, 3, padding=1), nn.BatchNorm1d(e), nn.ReLU(inplace=True),
            nn.Conv1d(e, e, 3, padding=1), nn.BatchNorm1d(e), nn.ReLU(inplace=True),
            nn.Dropout(0.1),
            nn.Conv1d(e, len(ALPHABET) + 1, 1),
        )

    def forward(self, x):
        f = self.features(x).flatten(2)      # N, C, T
        return self.seq(f).permute(0, 2, 1)  # N, T, classes


class Detector(nn.Module):
    """Tiny CenterNet: [1,3,S,S] -> heatmap [1,1,S/4,S/4] (sigmoid), boxes [1,4,S/4,S/4]
    (left, top, right, bottom distances from the cell centre, input pixels)."""

    def __init__(self):
        super().__init__()
        self.s4 = nn.Sequential(*cbr(3, 8, s=2), *cbr(8, 16, s=2))                            # /4
        self.s8 = nn.Sequential(*cbr(16, 32, s=2), *cbr(32, 32))                              # /8
        self.s16 = nn.Sequential(*cbr(32, 48, s=2), *cbr(48, 48), *cbr(48, 48, p=2, d=2))    # /16
        self.lat8 = nn.Sequential(*cbr(48 + 32, 32, k=1, p=0), *cbr(32, 32))
        self.lat4 = nn.Sequential(*cbr(32 + 16, 24, k=1, p=0), *cbr(24, 24))
        self.hm = nn.Conv2d(24, 1, 1)
        self.box = nn.Conv2d(24, 4, 1)
        nn.init.constant_(self.hm.bias, -4.0)
        self.up = nn.Upsample(scale_factor=2, mode='nearest')

    def forward(self, x):
        hm, box = self.raw(x)
        return torch.sigmoid(hm), torch.exp(torch.clamp(box, -4.0, 4.0)) * 16.0

    def raw(self, x):
        a = self.s4(x)
        b = self.s8(a)
        c = self.s16(b)
        b2 = self.lat8(torch.cat([self.up(c), b], 1))
        a2 = self.lat4(torch.cat([self.up(b2), a], 1))
        return self.hm(a2), self.box(a2)
