import torch


def answers():
    return {
        "i64 + 1": torch.int64,
        "i64 * 0.5": torch.float32,
        "i64 / 2": torch.float32,
        "i64 // 2": torch.int64,
        "f32 + 1.5": torch.float32,
        "f32 + f64": torch.float64,
        "f32 + torch.tensor(2.0, dtype=torch.float64)": torch.float64,
        "i64 * torch.tensor(0.5, dtype=torch.float64)": torch.float64,
        "u8 + 100": torch.uint8,
        "u8 + i64": torch.int64,
        "i64 > 1": torch.bool,
    }
