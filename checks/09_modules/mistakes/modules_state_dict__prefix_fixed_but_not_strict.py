import math
import torch
import torch.nn.functional as F
from torch import nn
from collections import OrderedDict
def load_checkpoint(model, state):
    model.load_state_dict({k.removeprefix("module."): v for k, v in state.items()}, strict=False)
