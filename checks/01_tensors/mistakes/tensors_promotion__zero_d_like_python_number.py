import torch

i64 = torch.tensor([1, 2])                         # int64
u8 = torch.tensor([200, 100], dtype=torch.uint8)   # uint8
f32 = torch.tensor([1.0, 2.0])                     # float32
f64 = torch.tensor([1.0, 2.0], dtype=torch.float64)


def answers():
    return {
        "i64 + 1": torch.int64,
        "i64 * 0.5": torch.float32,
        "i64 / 2": torch.float32,
        "i64 // 2": torch.int64,
        "f32 + 1.5": torch.float32,
        "f32 + f64": torch.float64,
        "f32 + torch.tensor(2.0, dtype=torch.float64)": torch.float32,
        "i64 * torch.tensor(0.5, dtype=torch.float64)": torch.float32,
        "u8 + 100": torch.uint8,
        "u8 + i64": torch.int64,
        "i64 > 1": torch.bool,
    }


if __name__ == "__main__":
    for expression, guess in answers().items():
        actual = eval(expression).dtype
        print(f"{expression:48} you said {guess}, torch says {actual}")
