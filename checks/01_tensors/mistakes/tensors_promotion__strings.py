def answers():
    return {
        "i64 + 1": "int64",
        "i64 * 0.5": "float32",
        "i64 / 2": "float32",
        "i64 // 2": "int64",
        "f32 + 1.5": "float32",
        "f32 + f64": "float64",
        "f32 + torch.tensor(2.0, dtype=torch.float64)": "float32",
        "i64 * torch.tensor(0.5, dtype=torch.float64)": "float64",
        "u8 + 100": "uint8",
        "u8 + i64": "int64",
        "i64 > 1": "bool",
    }
