import math
import torch
import torch.nn.functional as F
from torch import nn
from collections import OrderedDict
def load_matching(model, state):
    own = model.state_dict()
    keep = {k: v for k, v in state.items() if k in own and v.numel() == own[k].numel()}
    return model.load_state_dict(keep, strict=False).missing_keys
