def average_images(a, b):
    return (a + b) // 2
