"""Never clears the gradients: old ones from an earlier step are added into this one."""
import torch
import torch.nn.functional as F
def accumulated_step(model, optimizer, scaler, micro_batches, max_norm):
    n = len(micro_batches); total = 0.0
    for x, y in micro_batches:
        with torch.autocast(x.device.type, dtype=torch.float16):
            loss = F.cross_entropy(model(x), y) / n
        scaler.scale(loss).backward()
        total += loss.item() * n
    scaler.unscale_(optimizer)
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    scaler.step(optimizer); scaler.update()
    return total / n
