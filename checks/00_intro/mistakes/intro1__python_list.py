def first_tensor():
    return [1.0, 2.0, 3.0]
