"""Never clears the gradients: old ones from an earlier step are added into this one."""
import torch
import torch.nn.functional as F
def train_step(model, optimizer, scaler, x, y, max_norm):
    with torch.autocast(x.device.type, dtype=torch.float16):
        loss = F.cross_entropy(model(x), y)
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    scaler.step(optimizer)
    scaler.update()
    return loss.item()
