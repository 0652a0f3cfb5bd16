import torch
def binary_report(scores, target, threshold=0.5):
    p = scores >= threshold; t = target >= threshold
    tp=(p&t).sum().item(); fp=(p&~t).sum().item(); fn=(~p&t).sum().item(); tn=(~p&~t).sum().item()
    d=lambda a,b: a/b if b else 0.0
    pr=d(tp,tp+fp); rc=d(tp,tp+fn)
    return {"accuracy":d(tp+tn,tp+fp+fn+tn),"precision":pr,"recall":rc,"f1":d(2*pr*rc,pr+rc),"balanced_accuracy":(rc+d(tn,tn+fp))/2}
