def average_images(a, b):
    return (a.float() + b.float()) / 2
