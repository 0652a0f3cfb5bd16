def average_images(a, b):
    return (a.int() + b.int()) // 2
