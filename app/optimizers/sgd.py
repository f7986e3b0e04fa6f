"""SGD (torch.optim.SGD) with every option: momentum, dampening, Nesterov, weight decay."""

from .sgd_family import preset, sgd_params

SPEC = preset("sgd", "SGD (torch.optim.SGD)", "SGD with optional momentum, dampening and Nesterov",
              sgd_params(), fixed={})
