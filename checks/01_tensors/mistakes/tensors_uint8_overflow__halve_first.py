def average_images(a, b):
    return a // 2 + b // 2
