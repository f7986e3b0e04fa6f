<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnalysisPanel</name>
    <message>
        <source>Goh, &quot;Why Momentum Really Works&quot; (Distill, 2017): on a quadratic with eigenvalues lambda1 &lt;= lambda2, heavy-ball momentum converges fastest with lr = (2 / (sqrt(lambda1) + sqrt(lambda2)))^2 and momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2, kappa = lambda2 / lambda1.

Descent Lab uses torch&apos;s (and Goh&apos;s) convention
    z = beta * z + grad;  w = w - alpha * z
(alpha = lr, beta = momentum), not Sutskever&apos;s v = mu * v - lr * g; w = w + v. The two take the same steps while lr is constant, but differ once a schedule changes lr: Sutskever&apos;s velocity keeps the old steps scaled by the old lr.</source>
        <translation>Goh，&quot;Why Momentum Really Works&quot;（Distill，2017）：在特征值为 lambda1 &lt;= lambda2 的二次函数上，当 lr = (2 / (sqrt(lambda1) + sqrt(lambda2)))^2、momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2、kappa = lambda2 / lambda1 时，重球动量收敛最快。

Descent Lab 采用 torch（以及 Goh）的约定
    z = beta * z + grad;  w = w - alpha * z
（alpha = lr，beta = momentum），而不是 Sutskever 的 v = mu * v - lr * g; w = w + v。lr 不变时两者走的步子相同，但调度改变 lr 后就不同了：Sutskever 的速度保留着按旧 lr 缩放的旧步子。</translation>
    </message>
    <message>
        <source>actual change in the run</source>
        <translation>运行中的实际变化</translation>
    </message>
    <message>
        <source>The effective step is not known at this step yet.</source>
        <translation>这一步的有效步长还不知道。</translation>
    </message>
    <message>
        <source>lr/σ per coordinate ({p0}, {p1})</source>
        <translation>每个坐标的 lr/σ（{p0}, {p1}）</translation>
    </message>
    <message>
        <source>; the momentum {mu} acts as heavy ball with step {scale} × that</source>
        <translation>；动量 {mu} 相当于步长为其 {scale} 倍的重球法</translation>
    </message>
    <message>
        <source>; with momentum {mu} (heavy ball)</source>
        <translation>；动量 {mu}（重球法）</translation>
    </message>
    <message>
        <source>{steps}: the largest curvature in those units, λ_max(diag(lr/σ)·H), is {lam}{how}. {a} against the limit {limit}: {verdict} (σ taken as frozen at this step).</source>
        <translation>{steps}：以这些单位衡量的最大曲率 λ_max(diag(lr/σ)·H) 为 {lam}{how}。{a}，对比极限 {limit}：{verdict}（假定 σ 固定为这一步的值）。</translation>
    </message>
    <message>
        <source>this start point is not a valid point of the surface (its loss is not a finite number)</source>
        <translation>这个起始点不是曲面上的有效点（它的损失不是有限数）</translation>
    </message>
    <message>
        <source>The run blew up at step {d}: the numbers are for its last good point, step {d2}.</source>
        <translation>这次运行在第 {d} 步爆炸了：这些数值属于最后一个正常的点，即第 {d2} 步。</translation>
    </message>
    <message>
        <source>Step {k} is the end of the run: the next step is one beyond it, with the last learning rate.</source>
        <translation>第 {k} 步是运行的终点：下一步是超出运行的一步，使用最后的学习率。</translation>
    </message>
    <message>
        <source>actual: the run&apos;s step {k} → {k2}</source>
        <translation>实际：运行中的第 {k} → {k2} 步</translation>
    </message>
    <message>
        <source>actual f(p − εg) − f(p)</source>
        <translation>实际 f(p − εg) − f(p)</translation>
    </message>
    <message>
        <source>GD step ε = lr = {lr}</source>
        <translation>GD 步 ε = lr = {lr}</translation>
    </message>
    <message>
        <source>this racer&apos;s step {k} → {k2}</source>
        <translation>该选手的第 {k} → {k2} 步</translation>
    </message>
    <message>
        <source>The effective step is not computed yet.</source>
        <translation>有效步长还没有算出来。</translation>
    </message>
    <message>
        <source>{title} does not step by lr times the gradient, so no lr · λ_max limit applies: its steps come from its own rule (see Step mode).</source>
        <translation>{title} 的步子不是 lr 乘以梯度，所以不适用 lr · λ_max 极限：它的步子来自它自己的规则（见逐步模式）。</translation>
    </message>
    <message>
        <source>limit {limit}</source>
        <translation>极限 {limit}</translation>
    </message>
    <message>
        <source>each step moves toward the minimum without overshooting</source>
        <translation>每一步都朝最小值前进，不会冲过头</translation>
    </message>
    <message>
        <source>converges, spiralling in</source>
        <translation>螺旋式地收敛</translation>
    </message>
    <message>
        <source>converges, but bounces from wall to wall across the valley</source>
        <translation>收敛，但会在山谷两侧的谷壁之间来回弹跳</translation>
    </message>
    <message>
        <source>bounces between the walls forever, neither growing nor shrinking</source>
        <translation>在谷壁之间永远弹跳，既不增大也不缩小</translation>
    </message>
    <message>
        <source>overshoots more than it corrects: every bounce is larger, the loss blows up</source>
        <translation>冲过头的比纠正的多：每次弹跳都更大，损失爆炸</translation>
    </message>
    <message>
        <source>&lt;b&gt;Analysis&lt;/b&gt;</source>
        <translation>&lt;b&gt;分析&lt;/b&gt;</translation>
    </message>
    <message>
        <source>start point</source>
        <translation>起始点</translation>
    </message>
    <message>
        <source>Stability</source>
        <translation>稳定性</translation>
    </message>
    <message>
        <source>Curvature (Hessian)</source>
        <translation>曲率（海森矩阵）</translation>
    </message>
    <message>
        <source>eigenvectors on the plot</source>
        <translation>在图上显示特征向量</translation>
    </message>
    <message>
        <source>Two axes through the point along the Hessian&apos;s eigenvectors, half-lengths proportional to 1/sqrt(|lambda|) (the shape of the contour ellipse there); colour: curves up (lambda &gt; 0), curves down (lambda &lt; 0).</source>
        <translation>过该点、沿海森矩阵特征向量方向的两条轴，半长与 1/sqrt(|lambda|) 成正比（即该处等高线椭圆的形状）；颜色：向上弯（lambda &gt; 0），向下弯（lambda &lt; 0）。</translation>
    </message>
    <message>
        <source>Next step: Taylor</source>
        <translation>下一步：泰勒展开</translation>
    </message>
    <message>
        <source>&lt;b&gt;GD step&lt;/b&gt;</source>
        <translation>&lt;b&gt;GD 步&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;racer&lt;/b&gt;</source>
        <translation>&lt;b&gt;选手&lt;/b&gt;</translation>
    </message>
    <message>
        <source>1st order</source>
        <translation>一阶项</translation>
    </message>
    <message>
        <source>2nd order</source>
        <translation>二阶项</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>和</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>1st</source>
        <translation>一阶</translation>
    </message>
    <message>
        <source>2nd</source>
        <translation>二阶</translation>
    </message>
    <message>
        <source>Effective step lr/σ</source>
        <translation>有效步长 lr/σ</translation>
    </message>
    <message>
        <source>lr / σ of each update</source>
        <translation>每次更新的 lr / σ</translation>
    </message>
    <message>
        <source>lr/σ</source>
        <translation>lr/σ</translation>
    </message>
    <message>
        <source>update k → k+1</source>
        <translation>更新 k → k+1</translation>
    </message>
    <message>
        <source>{swatch_coord_colors} x &amp;nbsp; {swatch_coord_colors2} y &amp;nbsp; (one start point; computed once per run)</source>
        <translation>{swatch_coord_colors} x &amp;nbsp; {swatch_coord_colors2} y &amp;nbsp;（一个起始点；每次运行计算一次）</translation>
    </message>
    <message>
        <source>Optimal values</source>
        <translation>最优值</translation>
    </message>
    <message>
        <source>GD: lr = 2/(λ1+λ2)</source>
        <translation>GD：lr = 2/(λ1+λ2)</translation>
    </message>
    <message>
        <source>Heavy ball (Goh): lr, momentum</source>
        <translation>重球法（Goh）：lr、动量</translation>
    </message>
    <message>
        <source>Set the selected racer to plain gradient descent with lr = 2 / (lambda1 + lambda2): both axes then shrink by the same factor (kappa - 1) / (kappa + 1) per step, the best a constant lr can do.</source>
        <translation>把所选选手设为 lr = 2 / (lambda1 + lambda2) 的普通梯度下降：两个轴每步都按相同的因子 (kappa - 1) / (kappa + 1) 缩小，这是固定学习率能做到的最好结果。</translation>
    </message>
    <message>
        <source>No racer.</source>
        <translation>没有选手。</translation>
    </message>
    <message>
        <source>No start point yet: click the plot to add one.</source>
        <translation>还没有起始点：点击图来添加一个。</translation>
    </message>
    <message>
        <source>The selected racer is disabled: enable it, or select another racer, to see its curvature and stability.</source>
        <translation>所选选手已停用：启用它，或选择另一个选手，才能看到曲率和稳定性。</translation>
    </message>
    <message>
        <source>Cannot analyse this point: {err}</source>
        <translation>无法分析这个点：{err}</translation>
    </message>
    <message>
        <source> · start {r_start_index} of {n_starts}</source>
        <translation> · 第 {r_start_index} 个起始点（共 {n_starts} 个）</translation>
    </message>
    <message>
        <source>step {step} of {steps}{start} · point ({point0}, {point1}) · loss {loss} · |g| {gradient_norm}</source>
        <translation>第 {step} / {steps} 步{start} · 点 ({point0}, {point1}) · 损失 {loss} · |g| {gradient_norm}</translation>
    </message>
    <message>
        <source>No lr · λ limit</source>
        <translation>无 lr · λ 极限</translation>
    </message>
    <message>
        <source>(a plain GD step with this lr: lr · λ_max = {lr} × {lambda_max} = {lr_lambda_max})</source>
        <translation>（若用这个 lr 走普通 GD 步：lr · λ_max = {lr} × {lambda_max} = {lr_lambda_max}）</translation>
    </message>
    <message>
        <source>λ_max(diag(lr/σ)·H) = {preconditioned_lambda_max} → &lt;b&gt;{a}&lt;/b&gt; against the limit &lt;b&gt;{limit}&lt;/b&gt;&lt;br&gt;(a plain GD step with this lr: lr · λ_max = {lr} × {lambda_max} = {lr_lambda_max})</source>
        <translation>λ_max(diag(lr/σ)·H) = {preconditioned_lambda_max} → &lt;b&gt;{a}&lt;/b&gt;，对比极限 &lt;b&gt;{limit}&lt;/b&gt;&lt;br&gt;（若用这个 lr 走普通 GD 步：lr · λ_max = {lr} × {lambda_max} = {lr_lambda_max}）</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>heavy ball</source>
        <translation>重球法</translation>
    </message>
    <message>
        <source>limit 2(1 + μ)/(1 + 2μ) = {limit} ({name}, μ = {momentum})</source>
        <translation>极限 2(1 + μ)/(1 + 2μ) = {limit}（{name}，μ = {momentum}）</translation>
    </message>
    <message>
        <source>limit 2 + 2·momentum = {limit} ({name}, momentum {momentum})</source>
        <translation>极限 2 + 2·动量 = {limit}（{name}，动量 {momentum}）</translation>
    </message>
    <message>
        <source>limit 2 (gradient descent)</source>
        <translation>极限 2（梯度下降）</translation>
    </message>
    <message>
        <source>lr · λ_max = {lr} × {lambda_max} = &lt;b&gt;{lr_lambda_max}&lt;/b&gt; &amp;nbsp;vs&amp;nbsp; {rule}&lt;br&gt;largest stable lr here: &lt;b&gt;{max_stable_lr}&lt;/b&gt;</source>
        <translation>lr · λ_max = {lr} × {lambda_max} = &lt;b&gt;{lr_lambda_max}&lt;/b&gt; &amp;nbsp;对比&amp;nbsp; {rule}&lt;br&gt;此处最大的稳定 lr：&lt;b&gt;{max_stable_lr}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>along eigenvector ({x}, {y})</source>
        <translation>沿特征向量 ({x}, {y})</translation>
    </message>
    <message>
        <source>condition number&lt;br&gt;κ = max|λ|/min|λ| = &lt;b&gt;{condition_number}&lt;/b&gt;</source>
        <translation>条件数&lt;br&gt;κ = max|λ|/min|λ| = &lt;b&gt;{condition_number}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>convex here: curves up in every direction</source>
        <translation>此处是凸的：每个方向都向上弯</translation>
    </message>
    <message>
        <source>flat along one axis (an eigenvalue is 0)</source>
        <translation>沿一个轴是平的（有一个特征值为 0）</translation>
    </message>
    <message>
        <source>a saddle: curves up one way, down the other</source>
        <translation>鞍点：一个方向向上弯，另一个方向向下弯</translation>
    </message>
    <message>
        <source>a hilltop or ridge: curves down</source>
        <translation>山顶或山脊：向下弯</translation>
    </message>
    <message>
        <source>the Hessian is not a finite number here</source>
        <translation>此处海森矩阵不是有限数</translation>
    </message>
    <message>
        <source>the run&apos;s own next step</source>
        <translation>运行自己的下一步</translation>
    </message>
    <message>
        <source>one step beyond the run</source>
        <translation>超出运行的一步</translation>
    </message>
    <message>
        <source>For a GD step of size ε = lr(t) = &lt;b&gt;{lr}&lt;/b&gt; from this point ({where}): Δloss ≈ −ε gᵀg (1st order) + ε²/2 gᵀHg (2nd order).</source>
        <translation>从该点走一步大小为 ε = lr(t) = &lt;b&gt;{lr}&lt;/b&gt; 的 GD 步（{where}）：Δloss ≈ −ε gᵀg（一阶项）+ ε²/2 gᵀHg（二阶项）。</translation>
    </message>
    <message>
        <source>GD: a plain gradient step of size ε = lr(t) = &lt;b&gt;{lr}&lt;/b&gt; from this point, Δloss ≈ −ε gᵀg (1st order) + ε²/2 gᵀHg (2nd order). Racer: the same terms gᵀd and dᵀHd/2 along this racer&apos;s own next move d (from the run).</source>
        <translation>GD：从该点走一步大小为 ε = lr(t) = &lt;b&gt;{lr}&lt;/b&gt; 的普通梯度步，Δloss ≈ −ε gᵀg（一阶项）+ ε²/2 gᵀHg（二阶项）。选手：沿该选手自己的下一步移动 d（取自运行）的同样两项 gᵀd 和 dᵀHd/2。</translation>
    </message>
    <message>
        <source>&lt;b&gt;GD, ε={lr}&lt;/b&gt;</source>
        <translation>&lt;b&gt;GD，ε={lr}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;GD&lt;/b&gt;</source>
        <translation>&lt;b&gt;GD&lt;/b&gt;</translation>
    </message>
    <message>
        <source>blew up</source>
        <translation>爆炸</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color: {color}&quot;&gt;&lt;b&gt;The curvature term wins&lt;/b&gt;&lt;/span&gt;: this step is predicted to &lt;b&gt;raise&lt;/b&gt; the loss.</source>
        <translation>&lt;span style=&quot;color: {color}&quot;&gt;&lt;b&gt;曲率项占上风&lt;/b&gt;&lt;/span&gt;：预计这一步会&lt;b&gt;提高&lt;/b&gt;损失。</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color: {verdict_colors_verdict_stable}&quot;&gt;&lt;b&gt;The first-order term wins&lt;/b&gt;&lt;/span&gt;: the step is predicted to lower the loss.</source>
        <translation>&lt;span style=&quot;color: {verdict_colors_verdict_stable}&quot;&gt;&lt;b&gt;一阶项占上风&lt;/b&gt;&lt;/span&gt;：预计这一步会降低损失。</translation>
    </message>
    <message>
        <source>The gradient is zero here: no first-order change.</source>
        <translation>此处梯度为零：没有一阶变化。</translation>
    </message>
    <message>
        <source> Break-even step 2gᵀg/gᵀHg = {break_even_eps}; best step gᵀg/gᵀHg = {best_eps}.</source>
        <translation> 盈亏平衡步长 2gᵀg/gᵀHg = {break_even_eps}；最佳步长 gᵀg/gᵀHg = {best_eps}。</translation>
    </message>
    <message>
        <source> Along -g the surface does not curve up: no step is too long here.</source>
        <translation> 沿 -g 方向曲面不向上弯：这里没有哪一步算太长。</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>尚不知道</translation>
    </message>
    <message>
        <source>next update ({point_step} → {r_point_step}): {swatch_coord_colors} x: &lt;b&gt;{e0}&lt;/b&gt; &amp;nbsp; {swatch_coord_colors2} y: &lt;b&gt;{e1}&lt;/b&gt;</source>
        <translation>下一次更新（{point_step} → {r_point_step}）：{swatch_coord_colors} x：&lt;b&gt;{e0}&lt;/b&gt; &amp;nbsp; {swatch_coord_colors2} y：&lt;b&gt;{e1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>λ1 = {lambda_min}, λ2 = {lambda_max}, κ = {condition_number}. Set the selected racer to GD with lr = 2/(λ1+λ2) (the error shrinks by {gd_rate} per step), or to heavy-ball momentum with Goh&apos;s lr = (2/(√λ1+√λ2))² and momentum = ((√κ−1)/(√κ+1))² (by {momentum_rate} per step; hover for the convention).</source>
        <translation>λ1 = {lambda_min}，λ2 = {lambda_max}，κ = {condition_number}。把所选选手设为 lr = 2/(λ1+λ2) 的 GD（误差每步缩小为 {gd_rate} 倍），或设为 Goh 的 lr = (2/(√λ1+√λ2))²、动量 = ((√κ−1)/(√κ+1))² 的重球动量（每步 {momentum_rate} 倍；约定见悬停提示）。</translation>
    </message>
    <message>
        <source>GD: lr {gd_lr}</source>
        <translation>GD：lr {gd_lr}</translation>
    </message>
    <message>
        <source>Goh: lr {momentum_lr}, μ {momentum}</source>
        <translation>Goh：lr {momentum_lr}，μ {momentum}</translation>
    </message>
</context>
<context>
    <name>ComputeProgress</name>
    <message>
        <source>computing paths</source>
        <translation>正在计算路径</translation>
    </message>
    <message>
        <source>stop computing: the paths keep what is computed so far</source>
        <translation>停止计算：路径保留已经算出的部分</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <source>learning rate at each step: lr x schedule(step); the line marks the playhead</source>
        <translation>每一步的学习率：lr x schedule(step)；竖线标出播放位置</translation>
    </message>
    <message>
        <source>lr: —</source>
        <translation>lr：—</translation>
    </message>
    <message>
        <source>lr {v0}</source>
        <translation>lr {v0}</translation>
    </message>
    <message>
        <source>lr {lo} … {hi}</source>
        <translation>lr {lo} … {hi}</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>gradient noise σ</source>
        <translation>梯度噪声 σ</translation>
    </message>
    <message>
        <source>noise seed</source>
        <translation>噪声种子</translation>
    </message>
    <message>
        <source>playback speed: how many steps the animation shows per second</source>
        <translation>播放速度：动画每秒显示多少步</translation>
    </message>
    <message>
        <source>{v} steps/s</source>
        <translation>每秒 {v} 步</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Clear starts</source>
        <translation>清除起始点</translation>
    </message>
    <message>
        <source>remove every start point</source>
        <translation>删除所有起始点</translation>
    </message>
    <message>
        <source>Click the plot to add a start point, drag one to move it, right-click (or Shift+click) it to remove it.</source>
        <translation>点击图添加起始点，拖动可移动，右键单击（或 Shift+单击）可删除。</translation>
    </message>
    <message>
        <source>{n} start point{s_n}</source>
        <translation>{n} 个起始点</translation>
    </message>
    <message>
        <source>colour of this racer&apos;s path and curves</source>
        <translation>这个选手的路径和曲线的颜色</translation>
    </message>
    <message>
        <source>name shown in the legend (empty: &quot;{{optimizer}}, lr {{lr}}&quot;); fields in braces such as {{lr}}, {{momentum}}, {{noise}}, {{schedule}} or {{lr_lambda_max}} follow the current values, text without braces stays as typed</source>
        <translation>图例中显示的名称（留空：&quot;{{optimizer}}, lr {{lr}}&quot;）；花括号中的字段，如 {{lr}}、{{momentum}}、{{noise}}、{{schedule}} 或 {{lr_lambda_max}}，会跟随当前数值，花括号外的文字保持输入的样子</translation>
    </message>
    <message>
        <source>run this racer</source>
        <translation>运行这个选手</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>duplicate this racer; the arrow: lr × 1/2, lr × 2, or a sweep of N copies over an lr range</source>
        <translation>复制这个选手；箭头：lr × 1/2、lr × 2，或在一个 lr 范围上扫描 N 个副本</translation>
    </message>
    <message>
        <source>remove this racer</source>
        <translation>删除这个选手</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>real mini-batches: each step uses the mean gradient of this many examples, drawn without replacement within an epoch (seeded by the noise seed); full: every example, the exact gradient</source>
        <translation>真正的小批量：每一步使用这么多个样本的平均梯度，在一个 epoch 内不放回抽取（由噪声种子决定）；full：全部样本，即精确梯度</translation>
    </message>
    <message>
        <source>full</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>own noise σ</source>
        <translation>自身噪声 σ</translation>
    </message>
    <message>
        <source>this racer&apos;s own gradient noise g + σ N(0, I), e.g. SGD beside full-batch descent (lesson P3); empty: the run&apos;s noise (Run panel), 0: none</source>
        <translation>这个选手自己的梯度噪声 g + σ N(0, I)，例如与全批量下降并列的 SGD（课程 P3）；留空：使用运行的噪声（运行面板），0：无</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>how the learning rate changes over the steps (with warm-up)</source>
        <translation>学习率如何随步数变化（含预热）</translation>
    </message>
    <message>
        <source>factor = {formula}</source>
        <translation>系数 = {formula}</translation>
    </message>
    <message>
        <source>Racer colour</source>
        <translation>选手颜色</translation>
    </message>
    <message>
        <source>noise σ: expected a number, got {text!r}</source>
        <translation>噪声 σ：需要一个数，得到的是 {text!r}</translation>
    </message>
    <message>
        <source>the run&apos;s: {run_sigma}</source>
        <translation>运行的值：{run_sigma}</translation>
    </message>
    <message>
        <source>optimizer: {title}
{summary}</source>
        <translation>优化器：{title}
{summary}</translation>
    </message>
    <message>
        <source>learning-rate schedule: {title}
lr factor = {formula}</source>
        <translation>学习率调度：{title}
lr 系数 = {formula}</translation>
    </message>
    <message>
        <source>Racers</source>
        <translation>选手</translation>
    </message>
    <message>
        <source>+ Add racer</source>
        <translation>+ 添加选手</translation>
    </message>
    <message>
        <source>add another optimizer to the race</source>
        <translation>在比赛中再加一个优化器</translation>
    </message>
    <message>
        <source>Your optimizer…</source>
        <translation>你的优化器…</translation>
    </message>
    <message>
        <source>write an optimizer as update rules (g, p, t, lr and your hyperparameters) and race it</source>
        <translation>用更新规则（g、p、t、lr 和你自己的超参数）写一个优化器，让它参赛</translation>
    </message>
</context>
<context>
    <name>CopyMenu</name>
    <message>
        <source>Learning-rate sweep</source>
        <translation>学习率扫描</translation>
    </message>
    <message>
        <source>lr from</source>
        <translation>lr 从</translation>
    </message>
    <message>
        <source>Copies of {racer_display_label}, learning rates evenly spaced on a log scale:</source>
        <translation>{racer_display_label} 的副本，学习率在对数刻度上均匀分布：</translation>
    </message>
    <message>
        <source>the same racer again, in a new colour</source>
        <translation>同一个选手，换一种新颜色</translation>
    </message>
    <message>
        <source>Copy with lr × 1/2</source>
        <translation>以 lr × 1/2 复制</translation>
    </message>
    <message>
        <source>Copy with lr × 2</source>
        <translation>以 lr × 2 复制</translation>
    </message>
    <message>
        <source>Sweep: N copies over a range…</source>
        <translation>扫描：在一个范围上复制 N 个…</translation>
    </message>
    <message>
        <source>copies whose learning rates are spread evenly on a log scale, each in its own colour and labelled with its lr</source>
        <translation>学习率在对数刻度上均匀分布的一组副本，各有自己的颜色，并以各自的 lr 标注</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG snapshot of the current frame</source>
        <translation>当前帧的 PNG 快照</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Include the readouts (loss and |gradient| versus step)</source>
        <translation>包含读数图（随步数变化的损失和 |梯度|）</translation>
    </message>
    <message>
        <source>To</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>step {step} (the current frame), {w}×{h}</source>
        <translation>第 {step} 步（当前帧），{w}×{h}</translation>
    </message>
    <message>
        <source>{n} PNG files, {w}×{h}</source>
        <translation>{n} 个 PNG 文件，{w}×{h}</translation>
    </message>
    <message>
        <source>{n} frames, {seconds} s at {fps} fps, {w}×{h}</source>
        <translation>{n} 帧，{fps} fps 下 {seconds} 秒，{w}×{h}</translation>
    </message>
    <message>
        <source>choose where to export to</source>
        <translation>请选择导出位置</translation>
    </message>
    <message>
        <source>{path}: the name does not match the chosen kind ({kind}); use {suffix}</source>
        <translation>{path}：文件名与所选类型（{kind}）不符；请使用 {suffix}</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>存放 PNG 帧的文件夹</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>替换？</translation>
    </message>
    <message>
        <source>{path} already exists.
Replace it?</source>
        <translation>{path} 已存在。
要替换它吗？</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>正在导出 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>已取消导出；未写入任何内容</translation>
    </message>
    <message>
        <source>Export trajectory data</source>
        <translation>导出轨迹数据</translation>
    </message>
    <message>
        <source>Cannot export trajectory data</source>
        <translation>无法导出轨迹数据</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>save the plot as PNG, a PNG sequence, an animated GIF or MP4</source>
        <translation>将图保存为 PNG、PNG 序列、GIF 动画或 MP4</translation>
    </message>
    <message>
        <source>Export &amp;trajectory data…</source>
        <translation>导出轨迹数据(&amp;T)…</translation>
    </message>
    <message>
        <source>save every racer&apos;s points, loss, |g|, lr as JSON or CSV</source>
        <translation>将每个选手的点、损失、|g|、lr 保存为 JSON 或 CSV</translation>
    </message>
</context>
<context>
    <name>FigureExport</name>
    <message>
        <source>Export &amp;figure (SVG/PDF)…</source>
        <translation>导出图(&amp;F)（SVG/PDF）…</translation>
    </message>
    <message>
        <source>the surface with every path, its colour bar and the readouts, as a vector figure for slides or a paper</source>
        <translation>把曲面连同所有路径、色条和读数图导出为矢量图，用于幻灯片或论文</translation>
    </message>
    <message>
        <source>Export small &amp;multiples (SVG/PDF)…</source>
        <translation>导出小图组(&amp;M)（SVG/PDF）…</translation>
    </message>
    <message>
        <source>one panel per learning rate or optimizer, one colour scale, captions from the racers&apos; parameters</source>
        <translation>每个学习率或优化器一个面板，共用一个色标，图注取自选手的参数</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>Small multiples</source>
        <translation>小图组</translation>
    </message>
    <message>
        <source>One panel per value: lr=A,B,... (every racer at each lr) or optimizer=gd,adam,... (the first racer as each optimizer)</source>
        <translation>每个值一个面板：lr=A,B,...（每个 lr 下的所有选手）或 optimizer=gd,adam,...（第一个选手分别换成各个优化器）</translation>
    </message>
    <message>
        <source>Export small multiples</source>
        <translation>导出小图组</translation>
    </message>
    <message>
        <source>Small multiples: {err}</source>
        <translation>小图组：{err}</translation>
    </message>
    <message>
        <source>Drawing the {what}…</source>
        <translation>正在绘制 {what}…</translation>
    </message>
    <message>
        <source>Drawing the {what}… {f:.0%}</source>
        <translation>正在绘制 {what}… {f:.0%}</translation>
    </message>
    <message>
        <source>Wrote {path} ({what})</source>
        <translation>已写入 {path}（{what}）</translation>
    </message>
    <message>
        <source>Figure not written: {err}</source>
        <translation>未写入图：{err}</translation>
    </message>
</context>
<context>
    <name>FormulaField</name>
    <message>
        <source>a narrow valley: one direction 10x steeper</source>
        <translation>狭窄的山谷：一个方向陡 10 倍</translation>
    </message>
    <message>
        <source>a kink along x = 0: the gradient jumps</source>
        <translation>沿 x = 0 有折点：梯度跳变</translation>
    </message>
    <message>
        <source>softplus slope along a wavy valley</source>
        <translation>沿波浪形山谷的 softplus 坡</translation>
    </message>
    <message>
        <source>Rosenbrock&apos;s banana: a curved, flat-bottomed valley</source>
        <translation>Rosenbrock 香蕉：弯曲、谷底平坦的山谷</translation>
    </message>
    <message>
        <source>flat for x &lt; 0: no gradient in x there</source>
        <translation>x &lt; 0 处是平的：那里没有 x 方向的梯度</translation>
    </message>
    <message>
        <source>two minima: where you start decides where you end</source>
        <translation>两个最小值：从哪里出发决定在哪里结束</translation>
    </message>
    <message>
        <source>bumpy: many local minima</source>
        <translation>凹凸不平：很多局部最小值</translation>
    </message>
    <message>
        <source>a hole: log is undefined for x &lt;= -2 (a run falling in stops)</source>
        <translation>一个洞：x &lt;= -2 时 log 无定义（掉进去的运行会停止）</translation>
    </message>
    <message>
        <source>&lt;b&gt;f(x, y)&lt;/b&gt;: {param_doc}&lt;br&gt;numbers, x, y, pi, e, + - * / ^ ( ) and sin cos tan exp log sqrt abs tanh sigmoid softplus relu elu min max ...&lt;br&gt;&lt;i&gt;applied as you type (Enter: at once); Esc restores the last valid formula&lt;/i&gt;</source>
        <translation>&lt;b&gt;f(x, y)&lt;/b&gt;：{param_doc}&lt;br&gt;数字、x、y、pi、e、+ - * / ^ ( ) 以及 sin cos tan exp log sqrt abs tanh sigmoid softplus relu elu min max ...&lt;br&gt;&lt;i&gt;边输入边应用（Enter：立即）；Esc 恢复上一个有效公式&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>put an example formula in the field</source>
        <translation>把示例公式填入输入框</translation>
    </message>
    <message>
        <source>The plot keeps the last valid formula (Esc restores it).</source>
        <translation>图保持上一个有效公式（按 Esc 恢复）。</translation>
    </message>
    <message>
        <source>compiling f(x, y) and its derivatives… (the plot keeps the last valid formula meanwhile)</source>
        <translation>正在编译 f(x, y) 及其导数…（期间图保持上一个有效公式）</translation>
    </message>
    <message>
        <source>formula too long: the pasted text was cut at {edit_maxlength:,} characters (a formula has at most {max_length:,})</source>
        <translation>公式太长：粘贴的文本在第 {edit_maxlength:,} 个字符处被截断（公式最多 {max_length:,} 个字符）</translation>
    </message>
</context>
<context>
    <name>HoverOverlay</name>
    <message>
        <source>Hover preview</source>
        <translation>悬停预览</translation>
    </message>
    <message>
        <source>with a racer selected, its path from the point under the mouse follows the cursor (dashed); click to keep the point as a start</source>
        <translation>选中一个选手时，从鼠标下方的点出发的路径会以虚线跟随光标；点击即可把该点保留为起始点</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No font for Korean and Chinese characters was found, so they may show as boxes. Install one, e.g. &apos;sudo apt install fonts-noto-cjk&apos; (or fonts-wqy-microhei).</source>
        <translation>未找到可显示中文和韩文字符的字体，这些字符可能显示为方框。请安装一个字体，例如 &apos;sudo apt install fonts-noto-cjk&apos;（或 fonts-wqy-microhei）。</translation>
    </message>
    <message>
        <source>Descent Lab will use {language} the next time it starts.</source>
        <translation>Descent Lab 下次启动时将使用{language}。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LessonGallery</name>
    <message>
        <source>cannot be loaded: {loaded}</source>
        <translation>无法加载：{loaded}</translation>
    </message>
    <message>
        <source>Lesson gallery</source>
        <translation>课程一览</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Look for</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{color}&apos;&gt;No lesson text for this set-up. Pick one from the &lt;b&gt;Lessons&lt;/b&gt; menu, or explore: click the plot to add start points and change the racers on the left.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{color}&apos;&gt;这个设置没有课程说明。从&lt;b&gt;课程&lt;/b&gt;菜单里选一课，或者自己探索：点击图来添加起始点，并在左侧修改选手。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;hr&gt;&lt;p style=&apos;color:{color}&apos;&gt;&lt;b&gt;Surface: {title}&lt;/b&gt;&lt;br&gt;{text}&lt;/p&gt;</source>
        <translation>&lt;hr&gt;&lt;p style=&apos;color:{color}&apos;&gt;&lt;b&gt;曲面：{title}&lt;/b&gt;&lt;br&gt;{text}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Network lab</source>
        <translation>网络实验室</translation>
    </message>
    <message>
        <source>Trains {network} for {steps} steps (the Network lab tab).</source>
        <translation>训练 {network} 共 {steps} 步（网络实验室标签页）。</translation>
    </message>
</context>
<context>
    <name>LrRangeView</name>
    <message>
        <source>Surface: the selected racer</source>
        <translation>曲面：所选选手</translation>
    </message>
    <message>
        <source>Network lab: its network</source>
        <translation>网络实验室：它的网络</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <source>lr min</source>
        <translation>lr 最小</translation>
    </message>
    <message>
        <source>lr max</source>
        <translation>lr 最大</translation>
    </message>
    <message>
        <source>Sweep the learning rate exponentially in one run and watch where the loss falls fastest and where it blows up.</source>
        <translation>在一次运行中让学习率指数式增长，观察损失在哪里下降最快、在哪里爆炸。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>add a start point first: the sweep starts from it</source>
        <translation>请先添加一个起始点：扫描从那里开始</translation>
    </message>
    <message>
        <source>reached lr max</source>
        <translation>到达 lr 最大值</translation>
    </message>
    <message>
        <source>the loss passed 4 times its best</source>
        <translation>损失超过了其最好值的 4 倍</translation>
    </message>
    <message>
        <source>the run blew up</source>
        <translation>运行爆炸了</translation>
    </message>
    <message>
        <source>suggestions: steepest {steepest}, valley {valley}; theory: λ_max = {lambda_max} at the start, so plain GD is stable below 2/λ_max = {theory}. Stopped at lr {format_number_r}: {why}.</source>
        <translation>建议：最陡处 {steepest}，谷值 {valley}；理论：起始点处 λ_max = {lambda_max}，所以普通 GD 在 2/λ_max = {theory} 以下稳定。在 lr {format_number_r} 处停止：{why}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Left click&lt;/b&gt;&lt;/td&gt;&lt;td&gt;add a start point&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Drag a start point&lt;/b&gt;&lt;/td&gt;&lt;td&gt;move it&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Right click / Shift+click on it&lt;/b&gt;&lt;/td&gt;&lt;td&gt;remove it&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Drag elsewhere, wheel&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pan, zoom&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;play / pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Right / Left&lt;/b&gt;&lt;/td&gt;&lt;td&gt;one step forward / back&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;back to step 0&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home&lt;/b&gt;&lt;/td&gt;&lt;td&gt;reset the view&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;step-by-step explanation on / off&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;export a snapshot, GIF, MP4 or frames&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;undo / redo an edit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;左键单击&lt;/b&gt;&lt;/td&gt;&lt;td&gt;添加起始点&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;拖动起始点&lt;/b&gt;&lt;/td&gt;&lt;td&gt;移动它&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;在起始点上右键单击 / Shift+单击&lt;/b&gt;&lt;/td&gt;&lt;td&gt;删除它&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;在别处拖动、滚轮&lt;/b&gt;&lt;/td&gt;&lt;td&gt;平移、缩放&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;空格&lt;/b&gt;&lt;/td&gt;&lt;td&gt;播放 / 暂停&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;右 / 左&lt;/b&gt;&lt;/td&gt;&lt;td&gt;前进 / 后退一步&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;回到第 0 步&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home&lt;/b&gt;&lt;/td&gt;&lt;td&gt;重置视图&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;打开 / 关闭逐步讲解&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;导出快照、GIF、MP4 或帧&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;撤销 / 重做编辑&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Click the plot to add a start point; every enabled racer starts from it. Change any value on the left and the paths are recomputed at once.</source>
        <translation>点击图来添加起始点；每个启用的选手都从那里出发。修改左侧的任何数值，路径都会立即重新计算。</translation>
    </message>
    <message>
        <source>Licence: {licence}.</source>
        <translation>许可证：{licence}。</translation>
    </message>
    <message>
        <source>Sharpness readout (λ_max vs 2/lr)</source>
        <translation>锐度读数（λ_max 对比 2/lr）</translation>
    </message>
    <message>
        <source>a third readout: the largest Hessian eigenvalue along each path against the edge of stability 2/lr</source>
        <translation>第三个读数图：沿每条路径的海森矩阵最大特征值，对比稳定性边界 2/lr</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open scenario…</source>
        <translation>打开场景(&amp;O)…</translation>
    </message>
    <message>
        <source>load a scenario (.toml) file</source>
        <translation>加载场景（.toml）文件</translation>
    </message>
    <message>
        <source>&amp;Save scenario…</source>
        <translation>保存场景(&amp;S)…</translation>
    </message>
    <message>
        <source>save the whole set-up as a scenario file</source>
        <translation>把整个设置保存为场景文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Lesson gallery…</source>
        <translation>课程一览…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <source>show the scenario&apos;s window again</source>
        <translation>重新显示场景的视图范围</translation>
    </message>
    <message>
        <source>Readouts (loss, |gradient|)</source>
        <translation>读数图（损失、|梯度|）</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Reset to step 0</source>
        <translation>回到第 0 步</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Mouse and keys</source>
        <translation>鼠标和按键</translation>
    </message>
    <message>
        <source>About {app_name}</source>
        <translation>关于 {app_name}</translation>
    </message>
    <message>
        <source>Cannot use this scenario</source>
        <translation>无法使用这个场景</translation>
    </message>
    <message>
        <source>Cannot open scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Scenarios (*.toml);;All files (*)</source>
        <translation>场景 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Scenarios (*.toml)</source>
        <translation>场景 (*.toml)</translation>
    </message>
    <message>
        <source>Cannot save scenario</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>Saved {target}</source>
        <translation>已保存 {target}</translation>
    </message>
    <message>
        <source> (set-up changed)</source>
        <translation>（设置已更改）</translation>
    </message>
</context>
<context>
    <name>MapsView</name>
    <message>
        <source>Learning rate × momentum / β1</source>
        <translation>学习率 × 动量 / β1</translation>
    </message>
    <message>
        <source>Basins: start points</source>
        <translation>盆地：起始点</translation>
    </message>
    <message>
        <source>Learning rate × momentum: one run from the first start point per cell, the selected racer&apos;s optimizer with that cell&apos;s lr (columns) and momentum or beta1 (rows).
Basins: one run per start point on the window, the selected racer as it is: which minimum it reaches, and how fast.</source>
        <translation>学习率 × 动量：每个格子从第一个起始点运行一次，用所选选手的优化器，配上该格的 lr（列）和动量或 beta1（行）。
盆地：视图范围内每个起始点运行一次，所选选手保持原样：它到达哪个最小值，以及有多快。</translation>
    </message>
    <message>
        <source>cells per axis</source>
        <translation>每个轴的格数</translation>
    </message>
    <message>
        <source>the most steps each cell&apos;s run takes</source>
        <translation>每个格子运行的最大步数</translation>
    </message>
    <message>
        <source>a run has converged when its distance to a known minimum is below this (|gradient| below it, if the surface has no known minima)</source>
        <translation>到已知最小值的距离小于这个值时算作收敛（如果曲面没有已知最小值，则看 |梯度| 是否小于它）</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>cells</source>
        <translation>格数</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>tol</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>around the stability limit 2/λ_max at the start point (GD family) or the racer&apos;s lr (adaptive optimizers)</source>
        <translation>在起始点的稳定性极限 2/λ_max 附近（GD 类），或在选手的 lr 附近（自适应优化器）</translation>
    </message>
    <message>
        <source>lr from</source>
        <translation>lr 从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>(log)</source>
        <translation>（对数）</translation>
    </message>
    <message>
        <source>lr range: enter two numbers, e.g. 0.0001 and 1</source>
        <translation>lr 范围：请输入两个数，例如 0.0001 和 1</translation>
    </message>
    <message>
        <source>lr range: need 0 &lt; from &lt; to, got {lo:g} and {hi:g}</source>
        <translation>lr 范围：需要 0 &lt; 起点 &lt; 终点，得到的是 {lo:g} 和 {hi:g}</translation>
    </message>
    <message>
        <source>no racer selected</source>
        <translation>没有选中选手</translation>
    </message>
    <message>
        <source>no start point: click the Surface plot to add one</source>
        <translation>没有起始点：点击曲面图来添加一个</translation>
    </message>
    <message>
        <source>the surface &apos;{name}&apos; has no known minima, so a basin map cannot tell where a run ends: use the learning rate map</source>
        <translation>曲面 &apos;{name}&apos; 没有已知最小值，盆地图无法判断运行在哪里结束：请使用学习率图</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>computing {resolution}×{resolution} cells…</source>
        <translation>正在计算 {resolution}×{resolution} 个格子…</translation>
    </message>
    <message>
        <source>done in {last_seconds:.2f} s</source>
        <translation>完成，用时 {last_seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>No map yet: press Compute.</source>
        <translation>还没有图：请点击计算。</translation>
    </message>
    <message>
        <source>add a start point there</source>
        <translation>在那里添加起始点</translation>
    </message>
    <message>
        <source>use its values</source>
        <translation>使用它的数值</translation>
    </message>
    <message>
        <source>{extra}{sw_diverged_color} diverged &amp;nbsp; {sw_not_converged_color} not converged within {steps} steps &amp;nbsp; — &lt;b&gt;click a cell&lt;/b&gt; to {click}</source>
        <translation>{extra}{sw_diverged_color} 发散 &amp;nbsp; {sw_not_converged_color} {steps} 步内未收敛 &amp;nbsp; — &lt;b&gt;点击格子&lt;/b&gt;以{click}</translation>
    </message>
    <message>
        <source>learning rate (log scale)</source>
        <translation>学习率（对数刻度）</translation>
    </message>
    <message>
        <source>(one row)</source>
        <translation>（一行）</translation>
    </message>
    <message>
        <source> &amp;nbsp; &lt;b&gt;- - -&lt;/b&gt; stability limit lr = (2 + 2·momentum) / λ_max at the start</source>
        <translation> &amp;nbsp; &lt;b&gt;- - -&lt;/b&gt; 起始点处的稳定性极限 lr = (2 + 2·momentum) / λ_max</translation>
    </message>
    <message>
        <source>{fast} fast … {slow} slow (steps: colour bar) &amp;nbsp; ○ the racer&apos;s current values{limit}&lt;br&gt;</source>
        <translation>{fast} 快 … {slow} 慢（步数：色条）&amp;nbsp; ○ 选手当前的数值{limit}&lt;br&gt;</translation>
    </message>
    <message>
        <source>racer {req_racer_index} ({racer_optimizer}</source>
        <translation>选手 {req_racer_index}（{racer_optimizer}</translation>
    </message>
    <message>
        <source> × {param} {values0}…{m_values} ({values})</source>
        <translation> × {param} {values0}…{m_values}（{values}）</translation>
    </message>
    <message>
        <source>Computed for {racer} on {describe_surface_req} from start ({start0}, {start1}): lr {lrs0}…{m_lrs} ({lrs}, log){rows}; {steps} steps; converged = {criterion_text_m}; no gradient noise.</source>
        <translation>为 {racer} 在 {describe_surface_req} 上从起始点 ({start0}, {start1}) 计算：lr {lrs0}…{m_lrs}（{lrs}，对数）{rows}；{steps} 步；收敛 = {criterion_text_m}；无梯度噪声。</translation>
    </message>
    <message>
        <source>|gradient| &lt; {tol:g}</source>
        <translation>|梯度| &lt; {tol:g}</translation>
    </message>
    <message>
        <source>loss within {tol:g} of the minimum</source>
        <translation>损失与最小值相差 {tol:g} 以内</translation>
    </message>
    <message>
        <source>within {tol:g} of a known minimum</source>
        <translation>与已知最小值相距 {tol:g} 以内</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color: rgb{tuple_rgb}&quot;&gt;■&lt;/span&gt; minimum ({x}, {y})</source>
        <translation>&lt;span style=&quot;color: rgb{tuple_rgb}&quot;&gt;■&lt;/span&gt; 最小值 ({x}, {y})</translation>
    </message>
    <message>
        <source> &amp;nbsp; </source>
        <translation> &amp;nbsp; </translation>
    </message>
    <message>
        <source> &amp;nbsp; (darker = slower) &amp;nbsp; </source>
        <translation> &amp;nbsp;（越暗越慢）&amp;nbsp; </translation>
    </message>
    <message>
        <source>colour: steps to the minimum (colour bar) &amp;nbsp; </source>
        <translation>颜色：到达最小值的步数（色条）&amp;nbsp; </translation>
    </message>
    <message>
        <source>&lt;br&gt;</source>
        <translation>&lt;br&gt;</translation>
    </message>
    <message>
        <source>Computed for racer {req_racer_index} ({optimizer}, lr {m_lr}) on {describe_surface_req}: {xs}×{ys} start points; {steps} steps; converged = {criterion_text_distance}; no gradient noise.</source>
        <translation>为选手 {req_racer_index}（{optimizer}，lr {m_lr}）在 {describe_surface_req} 上计算：{xs}×{ys} 个起始点；{steps} 步；收敛 = {criterion_text_distance}；无梯度噪声。</translation>
    </message>
    <message>
        <source>Change the optimizer?</source>
        <translation>要更换优化器吗？</translation>
    </message>
    <message>
        <source>This cell has {param} {value}: applying it turns {racer_display_label} from {old} into {new}.</source>
        <translation>这个格子的 {param} 为 {value}：应用后，{racer_display_label} 会从 {old} 变成 {new}。</translation>
    </message>
    <message>
        <source>diverged at step {m_diverged_at}</source>
        <translation>在第 {m_diverged_at} 步发散</translation>
    </message>
    <message>
        <source>not converged within {steps} steps</source>
        <translation>{steps} 步内未收敛</translation>
    </message>
    <message>
        <source>converged in {k} steps</source>
        <translation>{k} 步收敛</translation>
    </message>
    <message>
        <source>lr {m_lrs}</source>
        <translation>lr {m_lrs}</translation>
    </message>
    <message>
        <source>, {param} {m_values}</source>
        <translation>，{param} {m_values}</translation>
    </message>
    <message>
        <source>start ({m_xs}, {m_ys})</source>
        <translation>起始点 ({m_xs}, {m_ys})</translation>
    </message>
    <message>
        <source> to minimum {int_m}</source>
        <translation>（到最小值 {int_m}）</translation>
    </message>
    <message>
        <source>{where}: {what}</source>
        <translation>{where}：{what}</translation>
    </message>
</context>
<context>
    <name>NarrationPanel</name>
    <message>
        <source>&lt;b&gt;Step by step&lt;/b&gt;</source>
        <translation>&lt;b&gt;逐步讲解&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{step_key}: on / off · Right / Left: next / previous step</source>
        <translation>{step_key}：开 / 关 · 右 / 左：下一步 / 上一步</translation>
    </message>
</context>
<context>
    <name>NetlabPlots</name>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>|gradient|</source>
        <translation>|梯度|</translation>
    </message>
    <message>
        <source>sharpness &lt;span style=&apos;color:{c_sharpness}&apos;&gt;λ&lt;sub&gt;max&lt;/sub&gt;&lt;/span&gt; vs &lt;span style=&apos;color:{c_limit}&apos;&gt;2 / lr&lt;/span&gt;</source>
        <translation>锐度 &lt;span style=&apos;color:{c_sharpness}&apos;&gt;λ&lt;sub&gt;max&lt;/sub&gt;&lt;/span&gt; 对比 &lt;span style=&apos;color:{c_limit}&apos;&gt;2 / lr&lt;/span&gt;</translation>
    </message>
    <message>
        <source>⚠ diverged at step {step}</source>
        <translation>⚠ 在第 {step} 步发散</translation>
    </message>
    <message>
        <source>update {step} sent the loss to {how} (above 1e12 or not a number): training stopped there</source>
        <translation>第 {step} 次更新把损失推到了 {how}（超过 1e12 或不是数）：训练在那里停止</translation>
    </message>
    <message>
        <source>PCA of the path (shows the path best)</source>
        <translation>路径的 PCA（最能显示路径）</translation>
    </message>
    <message>
        <source>random directions (filter-normalized)</source>
        <translation>随机方向（按滤波器归一化）</translation>
    </message>
    <message>
        <source>loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>the two directions in weight space that span the plane through the final weights</source>
        <translation>张成过最终权重的平面的、权重空间中的两个方向</translation>
    </message>
    <message>
        <source>plane:</source>
        <translation>平面：</translation>
    </message>
    <message>
        <source>log10 loss</source>
        <translation>log10 损失</translation>
    </message>
    <message>
        <source>PC 1</source>
        <translation>PC 1</translation>
    </message>
    <message>
        <source>PC 2</source>
        <translation>PC 2</translation>
    </message>
    <message>
        <source>direction 1</source>
        <translation>方向 1</translation>
    </message>
    <message>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <source>loss landscape around step {origin}</source>
        <translation>第 {origin} 步附近的损失地形</translation>
    </message>
    <message>
        <source>white: the weights&apos; path on the plane · orange: the shown step</source>
        <translation>白色：权重在平面上的路径 · 橙色：所显示的步</translation>
    </message>
    <message>
        <source> · ✕: blew up next</source>
        <translation> · ✕：下一步爆炸</translation>
    </message>
    <message>
        <source>data (colour: target) and prediction</source>
        <translation>数据（颜色：目标值）与预测</translation>
    </message>
    <message>
        <source>data and decision region</source>
        <translation>数据与决策区域</translation>
    </message>
    <message>
        <source>points: the training data (colour: class)</source>
        <translation>点：训练数据（颜色：类别）</translation>
    </message>
    <message>
        <source>points: the training data (colour: target value)</source>
        <translation>点：训练数据（颜色：目标值）</translation>
    </message>
    <message>
        <source>points: the targets · background: the network&apos;s prediction at step {step}, same colours</source>
        <translation>点：目标值 · 背景：第 {step} 步时网络的预测，颜色相同</translation>
    </message>
    <message>
        <source> ({outside:.0f}% of it off the targets&apos; scale)</source>
        <translation>（其中 {outside:.0f}% 超出目标值的范围）</translation>
    </message>
    <message>
        <source>background: the class the network predicts at step {step} · white line: its decision boundary</source>
        <translation>背景：第 {step} 步时网络预测的类别 · 白线：决策边界</translation>
    </message>
    <message>
        <source>background: the class the network predicts at step {step}</source>
        <translation>背景：第 {step} 步时网络预测的类别</translation>
    </message>
</context>
<context>
    <name>NetlabView</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Readouts</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>hidden layer widths, e.g. 32, 32 (empty: a linear model; at most 6 layers of 1 to 512 units)</source>
        <translation>隐藏层宽度，例如 32, 32（留空：线性模型；最多 6 层，每层 1 到 512 个单元）</translation>
    </message>
    <message>
        <source>▶ Train</source>
        <translation>▶ 训练</translation>
    </message>
    <message>
        <source>train the network with the settings on the left</source>
        <translation>用左侧的设置训练网络</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>stop the run now (its curves so far stay)</source>
        <translation>立即停止运行（已有的曲线保留）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>save these settings as a network-lab scenario (.toml)</source>
        <translation>把这些设置保存为网络实验室场景（.toml）</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>第 %v / %m 步</translation>
    </message>
    <message>
        <source>the step shown in the landscape (orange point) and the data view (decision region)</source>
        <translation>在地形图（橙色点）和数据视图（决策区域）中显示的步</translation>
    </message>
    <message>
        <source>step 0</source>
        <translation>第 0 步</translation>
    </message>
    <message>
        <source>show step</source>
        <translation>显示第几步</translation>
    </message>
    <message>
        <source>Press Train to train the network.</source>
        <translation>点击训练来训练网络。</translation>
    </message>
    <message>
        <source>Save network-lab scenario</source>
        <translation>保存网络实验室场景</translation>
    </message>
    <message>
        <source>netlab.toml</source>
        <translation>netlab.toml</translation>
    </message>
    <message>
        <source>Scenarios (*.toml)</source>
        <translation>场景 (*.toml)</translation>
    </message>
    <message>
        <source>Cannot save scenario</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>{target}: {reason}</source>
        <translation>{target}：{reason}</translation>
    </message>
    <message>
        <source>saved {target}</source>
        <translation>已保存 {target}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Network lab&lt;/b&gt; &lt;span style=&apos;color:{c_muted}&apos;&gt;— train a small network; watch its loss, gradient and sharpness&lt;/span&gt;</source>
        <translation>&lt;b&gt;网络实验室&lt;/b&gt; &lt;span style=&apos;color:{c_muted}&apos;&gt;— 训练一个小网络，观察它的损失、梯度和锐度&lt;/span&gt;</translation>
    </message>
    <message>
        <source> · changed</source>
        <translation> · 已更改</translation>
    </message>
    <message>
        <source> · changed: press Train</source>
        <translation> · 已更改：请点击训练</translation>
    </message>
    <message>
        <source>grey: the previous run ({describe})</source>
        <translation>灰色：上一次运行（{describe}）</translation>
    </message>
    <message>
        <source>training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>training {describe_config_config} …</source>
        <translation>正在训练 {describe_config_config} …</translation>
    </message>
    <message>
        <source>computing the landscape… row {rows} of {n}</source>
        <translation>正在计算地形… 第 {rows} 行，共 {n} 行</translation>
    </message>
    <message>
        <source>diverged at step {diverged_at} (of %m)</source>
        <translation>在第 {diverged_at} 步发散（共 %m 步）</translation>
    </message>
    <message>
        <source>computing the landscape…</source>
        <translation>正在计算地形…</translation>
    </message>
    <message>
        <source>stopped at step {max_step} (no landscape for a stopped run)</source>
        <translation>在第 {max_step} 步停止（停止的运行没有地形图）</translation>
    </message>
    <message>
        <source>landscape stopped: choose a plane to compute it</source>
        <translation>地形计算已停止：请选择一个平面来计算</translation>
    </message>
    <message>
        <source>step {step} / {steps}</source>
        <translation>第 {step} / {steps} 步</translation>
    </message>
    <message>
        <source>, diverged at step {diverged_at}</source>
        <translation>，在第 {diverged_at} 步发散</translation>
    </message>
    <message>
        <source>loss {fmt_run} → {fmt_run2}</source>
        <translation>损失 {fmt_run} → {fmt_run2}</translation>
    </message>
    <message>
        <source>|g| {fmt_run}</source>
        <translation>|g| {fmt_run}</translation>
    </message>
    <message>
        <source> (not converged: an estimate)</source>
        <translation>（未收敛：估计值）</translation>
    </message>
    <message>
        <source>λmax {fmt_lam}{estimate} vs 2/lr {fmt_limit}</source>
        <translation>λmax {fmt_lam}{estimate} 对比 2/lr {fmt_limit}</translation>
    </message>
    <message>
        <source>diagnosis: {diagnosis_text}</source>
        <translation>诊断：{diagnosis_text}</translation>
    </message>
    <message>
        <source>accuracy {accuracy_run:.0f}%</source>
        <translation>准确率 {accuracy_run:.0f}%</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{c_error}&apos;&gt;&lt;b&gt;diverged at step {diverged_at}&lt;/b&gt;&lt;/span&gt; · </source>
        <translation>&lt;span style=&apos;color:{c_error}&apos;&gt;&lt;b&gt;在第 {diverged_at} 步发散&lt;/b&gt;&lt;/span&gt; · </translation>
    </message>
    <message>
        <source>Cannot use this scenario</source>
        <translation>无法使用这个场景</translation>
    </message>
</context>
<context>
    <name>ParamField</name>
    <message>
        <source>{name} is empty: enter {what}</source>
        <translation>{name} 为空：请输入{what}</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>一个值</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>back to step 0 (R)</source>
        <translation>回到第 0 步（R）</translation>
    </message>
    <message>
        <source>one step back (Left)</source>
        <translation>后退一步（左）</translation>
    </message>
    <message>
        <source>play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>one step forward (Right)</source>
        <translation>前进一步（右）</translation>
    </message>
    <message>
        <source>drag to scrub through the steps</source>
        <translation>拖动以浏览各步</translation>
    </message>
    <message>
        <source>step {step} / {steps}</source>
        <translation>第 {step} / {steps} 步</translation>
    </message>
</context>
<context>
    <name>Readouts</name>
    <message>
        <source>λ_max vs 2/lr</source>
        <translation>λ_max 对比 2/lr</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>|gradient| vs loss</source>
        <translation>|梯度| 对损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Each racer&apos;s |gradient| against its loss, both on log scales; the dot is the playhead. Converging runs head to the lower left. A curve that stops moving left while |g| stays high is a stall: the loss no longer falls although the gradient is not small (lesson P4).</source>
        <translation>每个选手的 |梯度| 对其损失的曲线，两个轴都是对数刻度；圆点是播放位置。收敛的运行走向左下方。|g| 仍然很大却不再向左移动的曲线就是停滞：梯度并不小，损失却不再下降（课程 P4）。</translation>
    </message>
    <message>
        <source>|gradient|</source>
        <translation>|梯度|</translation>
    </message>
    <message>
        <source>Solid: the largest Hessian eigenvalue lambda_max at each point of the racer&apos;s path. Dashed: the edge of stability 2 / lr(t) (heavy ball: (2 + 2 momentum) / lr(t)). Above the dashed line a step of that size overshoots more than it corrects. The edge is drawn for gradient-descent racers only: adaptive optimizers scale each coordinate&apos;s step by 1 / sigma.</source>
        <translation>实线：选手路径上每一点处海森矩阵的最大特征值 lambda_max。虚线：稳定性边界 2 / lr(t)（重球法：(2 + 2 momentum) / lr(t)）。在虚线之上，这样大小的一步冲过头的比纠正的多。边界只为梯度下降类选手画出：自适应优化器会把每个坐标的步长乘以 1 / sigma。</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <source>Your optimizer: update rules</source>
        <translation>你的优化器：更新规则</translation>
    </message>
    <message>
        <source>Start from an example…</source>
        <translation>从示例开始…</translation>
    </message>
    <message>
        <source>hyperparameters with their defaults: lr = 0.01, beta = 0.9</source>
        <translation>带默认值的超参数：lr = 0.01, beta = 0.9</translation>
    </message>
    <message>
        <source>state variables and their initial values (in p and the hyperparameters): m = 0, v = 0</source>
        <translation>状态变量及其初始值（用 p 和超参数表示）：m = 0, v = 0</translation>
    </message>
    <message>
        <source>one assignment per line, in order: p (the new point), a state variable, or a new name for later lines; use g (gradient), p (point), t (step, 1 at the first update), lr and your names, with the formula field&apos;s functions (sqrt, sign, abs, max, ...)</source>
        <translation>每行一个赋值，按顺序：p（新的点）、一个状态变量，或供后面各行使用的新名字；可以用 g（梯度）、p（点）、t（步数，第一次更新时为 1）、lr 和你自己的名字，以及公式输入框支持的函数（sqrt、sign、abs、max、...）</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Add racer</source>
        <translation>添加选手</translation>
    </message>
</context>
<context>
    <name>StatusReadout</name>
    <message>
        <source>the racer whose numbers are shown</source>
        <translation>显示其数值的选手</translation>
    </message>
    <message>
        <source>Step {step} / {steps}</source>
        <translation>第 {step} / {steps} 步</translation>
    </message>
    <message>
        <source>no start point: click the plot</source>
        <translation>没有起始点：请点击图</translation>
    </message>
    <message>
        <source>racer switched off</source>
        <translation>选手已关闭</translation>
    </message>
    <message>
        <source> (start 1 of {n})</source>
        <translation>（第 1 个起始点，共 {n} 个）</translation>
    </message>
    <message>
        <source>loss {loss}   |g| {gnorm}</source>
        <translation>损失 {loss}   |g| {gnorm}</translation>
    </message>
    <message>
        <source>loss —   |g| —   (f is undefined or infinite here: move the start point)</source>
        <translation>损失 —   |g| —   （f 在此处无定义或为无穷大：请移动起始点）</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{color}&apos;&gt;diverged at step {d}&lt;/b&gt;{why}</source>
        <translation>&lt;b style=&apos;color:{color}&apos;&gt;在第 {d} 步发散&lt;/b&gt;{why}</translation>
    </message>
</context>
<context>
    <name>StepMode</name>
    <message>
        <source>Step-by-step explanation</source>
        <translation>逐步讲解</translation>
    </message>
    <message>
        <source>pause and explain the selected racer&apos;s update at each step: arrows on the plot, the arithmetic in the Step panel; Right / Left step</source>
        <translation>暂停并逐步讲解所选选手的每次更新：图上画箭头，逐步面板里列出计算过程；用右 / 左键走一步</translation>
    </message>
    <message>
        <source>Step-by-step mode is off. Press {step_key} (View &gt; Step-by-step explanation) to pause and see the selected racer&apos;s update explained, step by step.</source>
        <translation>逐步模式已关闭。按 {step_key}（视图 &gt; 逐步讲解）即可暂停，并逐步查看所选选手每次更新的讲解。</translation>
    </message>
    <message>
        <source>Cannot explain this racer: {err}</source>
        <translation>无法讲解这个选手：{err}</translation>
    </message>
    <message>
        <source>No start point yet: click the plot to add one.</source>
        <translation>还没有起始点：点击图来添加一个。</translation>
    </message>
    <message>
        <source>The selected racer is disabled: enable it, or select another racer, to see its steps explained.</source>
        <translation>所选选手已停用：启用它，或选择另一个选手，才能看到各步的讲解。</translation>
    </message>
    <message>
        <source>start point {start_index} of {n}</source>
        <translation>第 {start_index} 个起始点（共 {n} 个）</translation>
    </message>
    <message>
        <source>the run has {steps} steps: this update is one beyond its end</source>
        <translation>这次运行共 {steps} 步：这次更新超出了终点一步</translation>
    </message>
</context>
<context>
    <name>SurfaceView</name>
    <message>
        <source>blank: f(x, y) is undefined there</source>
        <translation>空白：f(x, y) 在那里无定义</translation>
    </message>
    <message>
        <source>the formula has no value in the blank areas (log or sqrt of a negative number, division by zero): a run that steps into one stops there, marked diverged</source>
        <translation>公式在空白区域没有值（负数的 log 或 sqrt、除以零）：走进去的运行会停在那里，并被标记为发散</translation>
    </message>
    <message>
        <source>racer {i}</source>
        <translation>选手 {i}</translation>
    </message>
    <message>
        <source>⚠ {label}: diverged at step {k}</source>
        <translation>⚠ {label}：在第 {k} 步发散</translation>
    </message>
    <message>
        <source>{label}: {diagnosis_text}</source>
        <translation>{label}：{diagnosis_text}</translation>
    </message>
</context>
<context>
    <name>SurfaceView3D</name>
    <message>
        <source>height: auto (log when the values span many times their median, as on Rosenbrock), linear f, or log10(f - f_min)</source>
        <translation>高度：auto（当数值跨越中位数的许多倍时取对数，如 Rosenbrock）、linear f 或 log10(f - f_min)</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>{scale}, clipped to the colour scale · x {x0} … {x1}, y {y0} … {y1} · drag: rotate, wheel: zoom, Ctrl+drag: pan</source>
        <translation>{scale}，按色标范围截断 · x {x0} … {x1}，y {y0} … {y1} · 拖动：旋转，滚轮：缩放，Ctrl+拖动：平移</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>opening another scenario</source>
        <translation>打开另一个场景</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo {h_undo_text}</source>
        <translation>撤销(&amp;U) {h_undo_text}</translation>
    </message>
    <message>
        <source>&amp;Redo {h_redo_text}</source>
        <translation>重做(&amp;R) {h_redo_text}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>“{name}” has changes that are not saved. Save them before {doing}?</source>
        <translation>“{name}” 有未保存的更改。{doing}之前要保存吗？</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
</context>
<context>
    <name>View3D</name>
    <message>
        <source>3D view needs OpenGL: run on a desktop or under Xvfb</source>
        <translation>3D 视图需要 OpenGL：请在桌面环境或 Xvfb 下运行</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>not enough memory for this request (use fewer steps, start points or a smaller size)</source>
        <translation>内存不足，无法完成此请求（请减少步数、起始点数量或图像尺寸）</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>descent-lab: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window cannot open. Headless alternatives: &apos;descent-lab run --scenario NAME&apos; (numbers as JSON) or &apos;descent-lab render --scenario NAME --out lesson.gif&apos; (images).</source>
        <translation>descent-lab：未找到显示器（DISPLAY 和 WAYLAND_DISPLAY 均未设置），无法打开窗口。无界面的替代方式：&apos;descent-lab run --scenario NAME&apos;（以 JSON 输出数值）或 &apos;descent-lab render --scenario NAME --out lesson.gif&apos;（输出图像）。</translation>
    </message>
    <message>
        <source>cannot load: {reason}</source>
        <translation>无法加载：{reason}</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>LESSON</source>
        <translation>课</translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>{out} exists; use --force to replace it</source>
        <translation>{out} 已存在；要替换它请使用 --force</translation>
    </message>
    <message>
        <source>wrote {path}: {what}, {size}, {seconds:.1f} s</source>
        <translation>已写入 {path}：{what}，{size}，{seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>render {label} [{bar}] {done}/{total} frames {seconds:.1f} s</source>
        <translation>渲染 {label} [{bar}] {done}/{total} 帧 {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>{err}; use --force to replace it</source>
        <translation>{err}；要替换它请使用 --force</translation>
    </message>
    <message>
        <source>wrote {path}{os_sep}: {steps} frame{s_len}, {width}x{height}, {size}, {seconds:.1f} s</source>
        <translation>已写入 {path}{os_sep}：{steps} 帧，{width}x{height}，{size}，{seconds:.1f} 秒</translation>
    </message>
</context>
<context>
    <name>divergence</name>
    <message>
        <source>blow-up began at step {step}</source>
        <translation>爆炸始于第 {step} 步</translation>
    </message>
    <message>
        <source>loss ×{growth} per step</source>
        <translation>损失每步 ×{growth}</translation>
    </message>
    <message>
        <source>implies λmax ≈ {lambda_max}, stable for lr &lt; {lr}</source>
        <translation>推得 λmax ≈ {lambda_max}，lr &lt; {lr} 时稳定</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>PNG snapshot</source>
        <translation>PNG 快照</translation>
    </message>
    <message>
        <source>PNG frame sequence</source>
        <translation>PNG 帧序列</translation>
    </message>
    <message>
        <source>animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>MP4 video (H.264)</source>
        <translation>MP4 视频（H.264）</translation>
    </message>
</context>
<context>
    <name>lesson_state</name>
    <message>
        <source>the surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>the surface&apos;s parameters</source>
        <translation>曲面的参数</translation>
    </message>
    <message>
        <source>the racers</source>
        <translation>选手</translation>
    </message>
    <message>
        <source>the optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>the hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>the lr schedules</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>the gradient noise</source>
        <translation>梯度噪声</translation>
    </message>
    <message>
        <source>the start points</source>
        <translation>起始点</translation>
    </message>
    <message>
        <source>the number of steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>the network lab&apos;s set-up</source>
        <translation>网络实验室的设置</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <source>You changed {what}: this lesson describes its original set-up, so its numbers may not match what you see now. Reopen it from the Lessons menu to go back; Save writes your set-up without the lesson text.</source>
        <translation>你修改了{what}：这一课讲的是原来的设置，所以其中的数字可能与你现在看到的不符。从课程菜单重新打开即可恢复；保存时会写入你的设置，但不包含课程说明。</translation>
    </message>
</context>
<context>
    <name>narration</name>
    <message>
        <source>decoupled weight decay: point × {shrink} → {p_shrink}</source>
        <translation>解耦权重衰减：点 × {shrink} → {p_shrink}</translation>
    </message>
    <message>
        <source>belief: gradient − m = {r} (how far the gradient is from its average)</source>
        <translation>belief：梯度 − m = {r}（梯度偏离其平均值的程度）</translation>
    </message>
    <message>
        <source>s = {b2} × previous {s_prev} + {b22} × residual² + eps → {s}</source>
        <translation>s = {b2} × 上一步 {s_prev} + {b22} × 残差² + eps → {s}</translation>
    </message>
    <message>
        <source>rectified (RAdam): N_sma = {n_sma} ≥ 5, so σ = √s + eps → {sigma}, scaled by the variance correction</source>
        <translation>整流（RAdam）：N_sma = {n_sma} ≥ 5，所以 σ = √s + eps → {sigma}，再乘以方差修正</translation>
    </message>
    <message>
        <source>a plain momentum step (the variance estimate is not reliable yet)</source>
        <translation>普通的动量步（方差估计还不可靠）</translation>
    </message>
    <message>
        <source>no step (degenerated_to_sgd is off)</source>
        <translation>不走（degenerated_to_sgd 已关闭）</translation>
    </message>
    <message>
        <source>rectified (RAdam): N_sma = {n_sma} &lt; 5, so {what}</source>
        <translation>整流（RAdam）：N_sma = {n_sma} &lt; 5，所以{what}</translation>
    </message>
    <message>
        <source>σ = √s / √(1 − {b2}^{t}) + eps → {sigma}</source>
        <translation>σ = √s / √(1 − {b2}^{t}) + eps → {sigma}</translation>
    </message>
    <message>
        <source>effective lr per coordinate → {eff}</source>
        <translation>每个坐标的有效学习率 → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × m_hat = {eff_m_hat}, taken downhill</source>
        <translation>步：有效学习率 × m_hat = {eff_m_hat}，沿下坡方向</translation>
    </message>
    <message>
        <source>σ = √(v + eps) → {sigma}; past steps&apos; size √(acc + eps) = {rms_step}</source>
        <translation>σ = √(v + eps) → {sigma}；过去步长的大小 √(acc + eps) = {rms_step}</translation>
    </message>
    <message>
        <source>ratio √(acc + eps) / σ → {scale}: delta = ratio × gradient → {delta}</source>
        <translation>比值 √(acc + eps) / σ → {scale}：delta = 比值 × 梯度 → {delta}</translation>
    </message>
    <message>
        <source>acc = {rho} × previous {acc_prev} + {rho2} × delta² → {acc}</source>
        <translation>acc = {rho} × 上一步 {acc_prev} + {rho2} × delta² → {acc}</translation>
    </message>
    <message>
        <source>effective lr per coordinate = lr × ratio → {eff}</source>
        <translation>每个坐标的有效学习率 = lr × 比值 → {eff}</translation>
    </message>
    <message>
        <source>step: lr {lr} × delta = {lr_delta}, taken downhill</source>
        <translation>步：lr {lr} × delta = {lr_delta}，沿下坡方向</translation>
    </message>
    <message>
        <source>decayed lr = {lr} / (1 + {t} × {h_lr_decay}) → {clr}</source>
        <translation>衰减后的学习率 = {lr} / (1 + {t} × {h_lr_decay}) → {clr}</translation>
    </message>
    <message>
        <source>sum of squared gradients = previous {prev} + gradient² {g_g} → {total}</source>
        <translation>梯度平方和 = 上一步 {prev} + 梯度² {g_g} → {total}</translation>
    </message>
    <message>
        <source>σ = √(sum / {t}) + eps (root mean square) → {sigma}</source>
        <translation>σ = √(和 / {t}) + eps（均方根）→ {sigma}</translation>
    </message>
    <message>
        <source>σ = √sum + eps → {sigma}</source>
        <translation>σ = √和 + eps → {sigma}</translation>
    </message>
    <message>
        <source>effective lr per coordinate = {clr} / σ → {eff}</source>
        <translation>每个坐标的有效学习率 = {clr} / σ → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × gradient = {eff_g}, taken downhill</source>
        <translation>步：有效学习率 × 梯度 = {eff_g}，沿下坡方向</translation>
    </message>
    <message>
        <source>AMSGrad: v_max = max(previous {vmax_prev}, v) → {v_used}</source>
        <translation>AMSGrad：v_max = max(上一步 {vmax_prev}, v) → {v_used}</translation>
    </message>
    <message>
        <source>bias correction (t = {t}): m_hat = m / (1 − {b1}^{t}) = m / {bc1} → {m_hat}</source>
        <translation>偏差修正（t = {t}）：m_hat = m / (1 − {b1}^{t}) = m / {bc1} → {m_hat}</translation>
    </message>
    <message>
        <source>√v_hat = √{vname} / √(1 − {b2}^{t}) = √{vname} / {bc2_root} → {root_v_hat}</source>
        <translation>√v_hat = √{vname} / √(1 − {b2}^{t}) = √{vname} / {bc2_root} → {root_v_hat}</translation>
    </message>
    <message>
        <source>σ = √v_hat + eps → {sigma}</source>
        <translation>σ = √v_hat + eps → {sigma}</translation>
    </message>
    <message>
        <source>no bias correction: σ = √{vname} + eps → {sigma}</source>
        <translation>无偏差修正：σ = √{vname} + eps → {sigma}</translation>
    </message>
    <message>
        <source>effective lr per coordinate = lr / σ → {eff}</source>
        <translation>每个坐标的有效学习率 = lr / σ → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × {dname} = {step}, taken downhill</source>
        <translation>步：有效学习率 × {dname} = {step}，沿下坡方向</translation>
    </message>
    <message>
        <source> from the decayed point</source>
        <translation>（从衰减后的点出发）</translation>
    </message>
    <message>
        <source>infinity norm u = max({b2} × previous {u_prev}, |gradient| + eps {g_eps}) → {u}</source>
        <translation>无穷范数 u = max({b2} × 上一步 {u_prev}, |梯度| + eps {g_eps}) → {u}</translation>
    </message>
    <message>
        <source>effective lr per coordinate = lr / u → {eff}</source>
        <translation>每个坐标的有效学习率 = lr / u → {eff}</translation>
    </message>
    <message>
        <source>clipped to |g| ≤ {h_max_grad_norm}: × {clip} → {g}</source>
        <translation>裁剪到 |g| ≤ {h_max_grad_norm}：× {clip} → {g}</translation>
    </message>
    <message>
        <source>gradient change since the last step: {diff}</source>
        <translation>与上一步相比的梯度变化：{diff}</translation>
    </message>
    <message>
        <source> (none on the first step)</source>
        <translation>（第一步没有）</translation>
    </message>
    <message>
        <source>m = {b1} × previous {m_prev} + {b12} × gradient → {m}</source>
        <translation>m = {b1} × 上一步 {m_prev} + {b12} × 梯度 → {m}</translation>
    </message>
    <message>
        <source>d = {b2} × previous {d_prev} + {b22} × change → {d}</source>
        <translation>d = {b2} × 上一步 {d_prev} + {b22} × 变化 → {d}</translation>
    </message>
    <message>
        <source>n = {b3} × previous {n_prev} + {b32} × (gradient + {b2} × change)² {u_u} → {n}</source>
        <translation>n = {b3} × 上一步 {n_prev} + {b32} × (梯度 + {b2} × 变化)² {u_u} → {n}</translation>
    </message>
    <message>
        <source>σ = √n / √(1 − {b3}^{t}) + eps → {sigma}; effective lr = lr / σ → {eff}</source>
        <translation>σ = √n / √(1 − {b3}^{t}) + eps → {sigma}；有效学习率 = lr / σ → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × (m_hat {m_hat} + {b2} × d_hat {d_hat}) = {eff_m_hat_d_hat}, taken downhill</source>
        <translation>步：有效学习率 × (m_hat {m_hat} + {b2} × d_hat {d_hat}) = {eff_m_hat_d_hat}，沿下坡方向</translation>
    </message>
    <message>
        <source>weight decay: point / (1 + lr × {weight_decay})</source>
        <translation>权重衰减：点 / (1 + lr × {weight_decay})</translation>
    </message>
    <message>
        <source>weight decay: point × (1 − lr × {weight_decay}) first</source>
        <translation>权重衰减：先做 点 × (1 − lr × {weight_decay})</translation>
    </message>
    <message>
        <source>fast average m1 = {b1} × previous {m1_prev} + {b12} × gradient → {m1}</source>
        <translation>快速平均 m1 = {b1} × 上一步 {m1_prev} + {b12} × 梯度 → {m1}</translation>
    </message>
    <message>
        <source>slow average m2 = {b3t} × previous {m2_prev} + {b3t2} × gradient → {m2} (remembers about {b3t3} steps)</source>
        <translation>慢速平均 m2 = {b3t} × 上一步 {m2_prev} + {b3t2} × 梯度 → {m2}（大约记住 {b3t3} 步）</translation>
    </message>
    <message>
        <source>σ = √v / √(1 − {b2}^{t}) + eps → {sigma}; effective lr → {eff}</source>
        <translation>σ = √v / √(1 − {b2}^{t}) + eps → {sigma}；有效学习率 → {eff}</translation>
    </message>
    <message>
        <source>mix: m1 / (1 − {b1}^{t}) + alpha {alpha} × m2 → {mix}</source>
        <translation>混合：m1 / (1 − {b1}^{t}) + alpha {alpha} × m2 → {mix}</translation>
    </message>
    <message>
        <source>weight decay: + {h_weight_decay} × point</source>
        <translation>权重衰减：+ {h_weight_decay} × 点</translation>
    </message>
    <message>
        <source>step: effective lr × mix = {eff_mix}, taken downhill</source>
        <translation>步：有效学习率 × 混合 = {eff_mix}，沿下坡方向</translation>
    </message>
    <message>
        <source>step size η = {eta}</source>
        <translation>步长 η = {eta}</translation>
    </message>
    <message>
        <source> (lr, at the first step)</source>
        <translation>（第一步，等于 lr）</translation>
    </message>
    <message>
        <source>decay: point × (1 − {lambd} × η) = point × {lambd_eta}</source>
        <translation>衰减：点 × (1 − {lambd} × η) = 点 × {lambd_eta}</translation>
    </message>
    <message>
        <source>step: η × gradient = {eta_g}, taken downhill</source>
        <translation>步：η × 梯度 = {eta_g}，沿下坡方向</translation>
    </message>
    <message>
        <source>running average of the points ax → {ax}</source>
        <translation>点的滑动平均 ax → {ax}</translation>
    </message>
    <message>
        <source>gradient flow: follow dθ/dt = −∇f for a time lr = {lr}, with infinitesimally small steps (solved to relative error {rtol:g}); the path bends with the surface instead of going straight</source>
        <translation>梯度流：以无穷小的步子沿 dθ/dt = −∇f 走一段时间 lr = {lr}（求解到相对误差 {rtol:g}）；路径随曲面弯曲，而不是走直线</translation>
    </message>
    <message>
        <source>path length of the flow so far: {length}</source>
        <translation>到目前为止梯度流的路径长度：{length}</translation>
    </message>
    <message>
        <source>gradient descent with the same lr from the same start: {gd_prev} → {gd} (dashed)</source>
        <translation>从同一起点、用相同 lr 的梯度下降：{gd_prev} → {gd}（虚线）</translation>
    </message>
    <message>
        <source>distance GD − flow = {gap_length}, {gap} of the path length (departs above {h_departure_tolerance})</source>
        <translation>距离 GD − 梯度流 = {gap_length}，占路径长度的 {gap}（超过 {h_departure_tolerance} 即视为偏离）</translation>
    </message>
    <message>
        <source>gradient descent departs from the flow here, at step {departed}: its steps are no longer small for this curvature (lr × λ)</source>
        <translation>梯度下降在这里（第 {departed} 步）偏离了梯度流：对这个曲率来说，它的步子不再算小（lr × λ）</translation>
    </message>
    <message>
        <source>gradient descent departed from the flow at step {departed}</source>
        <translation>梯度下降在第 {departed} 步偏离了梯度流</translation>
    </message>
    <message>
        <source>a strong-Wolfe line search</source>
        <translation>强 Wolfe 线搜索</translation>
    </message>
    <message>
        <source>fixed step lengths lr = {lr}</source>
        <translation>固定步长 lr = {lr}</translation>
    </message>
    <message>
        <source>|gradient| is below tolerance_grad {h_tolerance_grad}: no iteration, {evals} function evaluation</source>
        <translation>|梯度| 低于 tolerance_grad {h_tolerance_grad}：不迭代，函数求值 {evals} 次</translation>
    </message>
    <message>
        <source>{iterations} inner iteration{s_iterations} with {search}, {evals} function evaluation{s_evals} in this step (at most {h_max_iter} iterations, {h_max_eval_or} evaluations)</source>
        <translation>本步用{search}进行了 {iterations} 次内部迭代、{evals} 次函数求值（最多 {h_max_iter} 次迭代、{h_max_eval_or} 次求值）</translation>
    </message>
    <message>
        <source>memory: {memory} of at most {h_history_size} (step, gradient change) pairs; initial inverse-Hessian scale {h_diag}</source>
        <translation>记忆：最多 {h_history_size} 对（步，梯度变化）中的 {memory} 对；初始逆海森矩阵尺度 {h_diag}</translation>
    </message>
    <message>
        <source>last direction d = −H × gradient → {d}</source>
        <translation>最后的方向 d = −H × 梯度 → {d}</translation>
    </message>
    <message>
        <source>last step: t {t} × d = {t_d}</source>
        <translation>最后一步：t {t} × d = {t_d}</translation>
    </message>
    <message>
        <source>interpolation c = {b1} × momentum {m_prev} + {b12} × gradient → {c}</source>
        <translation>插值 c = {b1} × 动量 {m_prev} + {b12} × 梯度 → {c}</translation>
    </message>
    <message>
        <source>only the sign of c is kept: sign(c) = {s}, so every coordinate moves by lr = {lr} whatever the gradient&apos;s size</source>
        <translation>只保留 c 的符号：sign(c) = {s}，所以不论梯度大小，每个坐标都移动 lr = {lr}</translation>
    </message>
    <message>
        <source>step: lr × sign(c) = {lr_s}, taken downhill</source>
        <translation>步：lr × sign(c) = {lr_s}，沿下坡方向</translation>
    </message>
    <message>
        <source>then momentum m = {b2} × previous + {b22} × gradient → {m} (used from the next step on)</source>
        <translation>然后动量 m = {b2} × 上一步 + {b22} × 梯度 → {m}（从下一步开始使用）</translation>
    </message>
    <message>
        <source>Lookahead: fast step {before_la_step} of {h_la_steps} by {inner_spec_title}</source>
        <translation>Lookahead：{inner_spec_title} 的快速步，第 {before_la_step} 步（共 {h_la_steps} 步）</translation>
    </message>
    <message>
        <source>synchronize: slow weights {slow_prev} move {h_la_alpha} of the way to the fast ones {fast} → {slow}; the fast weights restart there</source>
        <translation>同步：慢权重 {slow_prev} 向快权重 {fast} 移动全程的 {h_la_alpha} → {slow}；快权重从那里重新开始</translation>
    </message>
    <message>
        <source>the inner momentum buffer is reset to zero</source>
        <translation>内部动量缓冲区被重置为零</translation>
    </message>
    <message>
        <source>slow weights stay at {slow} until step {h_la_steps} of this round</source>
        <translation>在本轮第 {h_la_steps} 步之前，慢权重保持在 {slow}</translation>
    </message>
    <message>
        <source>momentum schedule: μ_t = {mu}, μ_t+1 = {mu_next}, product of μ so far = {mu_product}</source>
        <translation>动量调度：μ_t = {mu}，μ_t+1 = {mu_next}，到目前为止 μ 的乘积 = {mu_product}</translation>
    </message>
    <message>
        <source>σ = √(v / (1 − {b2}^{t})) + eps → {sigma}</source>
        <translation>σ = √(v / (1 − {b2}^{t})) + eps → {sigma}</translation>
    </message>
    <message>
        <source>gradient part: lr × (1 − μ_t) / (1 − product) = {w_grad} × gradient / σ → {grad_part}</source>
        <translation>梯度部分：lr × (1 − μ_t) / (1 − 乘积) = {w_grad} × 梯度 / σ → {grad_part}</translation>
    </message>
    <message>
        <source>momentum part: lr × μ_t+1 / (1 − product × μ_t+1) = {w_mom} × m / σ → {mom_part}</source>
        <translation>动量部分：lr × μ_t+1 / (1 − 乘积 × μ_t+1) = {w_mom} × m / σ → {mom_part}</translation>
    </message>
    <message>
        <source>step: gradient part + momentum part, taken downhill</source>
        <translation>步：梯度部分 + 动量部分，沿下坡方向</translation>
    </message>
    <message>
        <source>weight decay: gradient + {wd} × point {p} → {gw}</source>
        <translation>权重衰减：梯度 + {wd} × 点 {p} → {gw}</translation>
    </message>
    <message>
        <source>decoupled weight decay: point × (1 − lr × {wd}) = point × {shrink} → {p_decayed}</source>
        <translation>解耦权重衰减：点 × (1 − lr × {wd}) = 点 × {shrink} → {p_decayed}</translation>
    </message>
    <message>
        <source>first moment m = {beta1} × previous {prev} + {beta12} × gradient → {now}</source>
        <translation>一阶矩 m = {beta1} × 上一步 {prev} + {beta12} × 梯度 → {now}</translation>
    </message>
    <message>
        <source>second moment v</source>
        <translation>二阶矩 v</translation>
    </message>
    <message>
        <source>{symbol} = {decay} × previous {prev} + {decay2} × gradient² {g_g} → {now}</source>
        <translation>{symbol} = {decay} × 上一步 {prev} + {decay2} × 梯度² {g_g} → {now}</translation>
    </message>
    <message>
        <source> (indefinite: a saddle-like region)</source>
        <translation>（不定：类似鞍点的区域）</translation>
    </message>
    <message>
        <source> (negative: a hilltop)</source>
        <translation>（负：山顶）</translation>
    </message>
    <message>
        <source>Hessian eigenvalues at the point: {lam}</source>
        <translation>该点处海森矩阵的特征值：{lam}</translation>
    </message>
    <message>
        <source>a negative eigenvalue is taken as its absolute value, so the step goes downhill along that direction instead of climbing to the stationary point</source>
        <translation>负特征值取其绝对值，这样该方向上的步子是下坡，而不是爬向驻点</translation>
    </message>
    <message>
        <source>curvatures used c = max(|λ| + damping {h_damping}, {h_min_curvature}) → {curv}</source>
        <translation>使用的曲率 c = max(|λ| + 阻尼 {h_damping}, {h_min_curvature}) → {curv}</translation>
    </message>
    <message>
        <source>Newton direction: the gradient divided by the curvature along each eigenvector → {d}</source>
        <translation>牛顿方向：沿每个特征向量，用梯度除以该方向的曲率 → {d}</translation>
    </message>
    <message>
        <source>step: lr {lr} × direction = {step}, taken downhill</source>
        <translation>步：lr {lr} × 方向 = {step}，沿下坡方向</translation>
    </message>
    <message>
        <source> (lr 1: the full Newton step)</source>
        <translation>（lr 1：完整的牛顿步）</translation>
    </message>
    <message>
        <source>step size dlr = d × lr = {d} × {lr}</source>
        <translation>步长 dlr = d × lr = {d} × {lr}</translation>
    </message>
    <message>
        <source> × bias correction</source>
        <translation> × 偏差修正</translation>
    </message>
    <message>
        <source>m = {b1} × previous {m_prev} + d × {b12} × gradient → {m}</source>
        <translation>m = {b1} × 上一步 {m_prev} + d × {b12} × 梯度 → {m}</translation>
    </message>
    <message>
        <source>v = {b2} × previous {v_prev} + d² × {b22} × gradient² → {v}</source>
        <translation>v = {b2} × 上一步 {v_prev} + d² × {b22} × 梯度² → {v}</translation>
    </message>
    <message>
        <source>distance evidence: r = β3 × previous {r_prev} + (d / d0) dlr × ⟨gradient, start {p0} − point⟩ → {r}; Σ|s| = {s_sum}</source>
        <translation>距离依据：r = β3 × 上一步 {r_prev} + (d / d0) dlr × ⟨梯度, 起点 {p0} − 点⟩ → {r}；Σ|s| = {s_sum}</translation>
    </message>
    <message>
        <source>Σ|s| is 0 (no gradient yet): d stays and the point does not move</source>
        <translation>Σ|s| 为 0（还没有梯度）：d 不变，点不移动</translation>
    </message>
    <message>
        <source>d estimate: max(d, d_coef × r / Σ|s|) → d = {d}</source>
        <translation>d 的估计：max(d, d_coef × r / Σ|s|) → d = {d}</translation>
    </message>
    <message>
        <source> (grew)</source>
        <translation>（增大）</translation>
    </message>
    <message>
        <source> (unchanged)</source>
        <translation>（不变）</translation>
    </message>
    <message>
        <source>σ = √v / d + eps → {sigma}; effective lr = dlr / σ → {eff}</source>
        <translation>σ = √v / d + eps → {sigma}；有效学习率 = dlr / σ → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × {what} = {step}, taken downhill</source>
        <translation>步：有效学习率 × {what} = {step}，沿下坡方向</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>step: none</source>
        <translation>步：无</translation>
    </message>
    <message>
        <source>bias correction (t = {t}): m_hat = m / {bc1} → {m_hat}</source>
        <translation>偏差修正（t = {t}）：m_hat = m / {bc1} → {m_hat}</translation>
    </message>
    <message>
        <source>variance is trustworthy (ρ_t = {rho_t} &gt; 5): rectification r = {rect}; effective lr per coordinate = lr × r × √(1 − {b2}^{t}) / (√v + eps) → {eff}</source>
        <translation>方差可信（ρ_t = {rho_t} &gt; 5）：整流系数 r = {rect}；每个坐标的有效学习率 = lr × r × √(1 − {b2}^{t}) / (√v + eps) → {eff}</translation>
    </message>
    <message>
        <source>too few steps for a trustworthy variance (ρ_t = {rho_t} ≤ 5): no adaptive scale, a plain momentum step</source>
        <translation>步数太少，方差还不可信（ρ_t = {rho_t} ≤ 5）：不做自适应缩放，走普通的动量步</translation>
    </message>
    <message>
        <source>step: effective lr × m_hat = {step}, taken downhill</source>
        <translation>步：有效学习率 × m_hat = {step}，沿下坡方向</translation>
    </message>
    <message>
        <source>mean gradient = {alpha} × previous {m_prev} + {alpha2} × gradient → {m}</source>
        <translation>平均梯度 = {alpha} × 上一步 {m_prev} + {alpha2} × 梯度 → {m}</translation>
    </message>
    <message>
        <source>σ = √(v − mean²) + eps (centered) → {sigma}</source>
        <translation>σ = √(v − 平均²) + eps（中心化）→ {sigma}</translation>
    </message>
    <message>
        <source>σ = √v + eps → {sigma}</source>
        <translation>σ = √v + eps → {sigma}</translation>
    </message>
    <message>
        <source>velocity = momentum {mu} × previous {b_prev} + gradient / σ {g_sigma} → {b}</source>
        <translation>速度 = 动量 {mu} × 上一步 {b_prev} + 梯度 / σ {g_sigma} → {b}</translation>
    </message>
    <message>
        <source>step: lr {lr} × velocity = {lr_b}, taken downhill</source>
        <translation>步：lr {lr} × 速度 = {lr_b}，沿下坡方向</translation>
    </message>
    <message>
        <source>step sizes start at lr {lr}</source>
        <translation>步长从 lr {lr} 开始</translation>
    </message>
    <message>
        <source>same sign: × {factor}</source>
        <translation>符号相同：× {factor}</translation>
    </message>
    <message>
        <source>sign flipped: × {factor}</source>
        <translation>符号翻转：× {factor}</translation>
    </message>
    <message>
        <source>no previous sign: × 1</source>
        <translation>没有上一步的符号：× 1</translation>
    </message>
    <message>
        <source>gradient sign against the previous one: x {words}, y {words2}</source>
        <translation>梯度符号与上一步相比：x {words}，y {words2}</translation>
    </message>
    <message>
        <source>step sizes {before} → {after} (kept within {h_step_sizes} … {h_step_sizes2})</source>
        <translation>步长 {before} → {after}（保持在 {h_step_sizes} … {h_step_sizes2} 之间）</translation>
    </message>
    <message>
        <source>where the sign flipped the coordinate stays put this step (the gradient is taken as 0)</source>
        <translation>符号翻转的坐标这一步不动（梯度按 0 处理）</translation>
    </message>
    <message>
        <source>step: −sign(gradient) × step size = {move}</source>
        <translation>步：−sign(梯度) × 步长 = {move}</translation>
    </message>
    <message>
        <source>z (plain steps) = previous {z_prev} − lr {lr} × {what} → {z}</source>
        <translation>z（普通步）= 上一步 {z_prev} − lr {lr} × {what} → {z}</translation>
    </message>
    <message>
        <source>averaging weight c = {ckp1}: y moves to (1 − c) y + c z = {ckp1_p_ckp1}, then by lr × ({beta} (1 − c) − 1) × {what}</source>
        <translation>平均权重 c = {ckp1}：y 先移到 (1 − c) y + c z = {ckp1_p_ckp1}，再移动 lr × ({beta} (1 − c) − 1) × {what}</translation>
    </message>
    <message>
        <source>step of y (where the next gradient is taken): {y_p}</source>
        <translation>y 的一步（下一个梯度在此计算）：{y_p}</translation>
    </message>
    <message>
        <source>evaluated point x (the average of the z&apos;s) → {x}</source>
        <translation>评估点 x（z 的平均）→ {x}</translation>
    </message>
    <message>
        <source>v = {b2} × previous {v_prev} + {b22} × gradient² → {v}</source>
        <translation>v = {b2} × 上一步 {v_prev} + {b22} × 梯度² → {v}</translation>
    </message>
    <message>
        <source>σ = √(v / (1 − {b2}^{t})) + eps → {sigma}; normalized gradient g / σ → {direction}</source>
        <translation>σ = √(v / (1 − {b2}^{t})) + eps → {sigma}；归一化梯度 g / σ → {direction}</translation>
    </message>
    <message>
        <source>+ weight decay {h_weight_decay} × y → {direction}</source>
        <translation>+ 权重衰减 {h_weight_decay} × y → {direction}</translation>
    </message>
    <message>
        <source>normalized gradient</source>
        <translation>归一化梯度</translation>
    </message>
    <message>
        <source>step: lr {lr} × gradient {g} = {lr_g}, taken downhill</source>
        <translation>步：lr {lr} × 梯度 {g} = {lr_g}，沿下坡方向</translation>
    </message>
    <message>
        <source>velocity starts as the gradient → {b}</source>
        <translation>速度从梯度开始 → {b}</translation>
    </message>
    <message>
        <source>(1 − {damp}) × gradient</source>
        <translation>(1 − {damp}) × 梯度</translation>
    </message>
    <message>
        <source>velocity = momentum {mu} × previous {b_prev} + {part} → {b}</source>
        <translation>速度 = 动量 {mu} × 上一步 {b_prev} + {part} → {b}</translation>
    </message>
    <message>
        <source>Nesterov look-ahead: gradient + {mu} × velocity → direction {d}</source>
        <translation>Nesterov 向前看：梯度 + {mu} × 速度 → 方向 {d}</translation>
    </message>
    <message>
        <source>step: lr {lr} × direction = {lr_d}, taken downhill</source>
        <translation>步：lr {lr} × 方向 = {lr_d}，沿下坡方向</translation>
    </message>
    <message>
        <source>decoupled weight decay: point × (1 − lr × {wd}) → {p_lr_wd}</source>
        <translation>解耦权重衰减：点 × (1 − lr × {wd}) → {p_lr_wd}</translation>
    </message>
    <message>
        <source>curvature estimate h {h_prev} ({h_hessian} diagonal, refreshed every {h_hessian_interval} steps); denominator rho × bs × h = {denom_tiny}</source>
        <translation>曲率估计 h {h_prev}（{h_hessian} 对角，每 {h_hessian_interval} 步更新一次）；分母 rho × bs × h = {denom_tiny}</translation>
    </message>
    <message>
        <source>ratio |m| / denominator, clipped at 1 → {ratio}</source>
        <translation>比值 |m| / 分母，在 1 处截断 → {ratio}</translation>
    </message>
    <message>
        <source> (clipped: {which})</source>
        <translation>（被截断：{which}）</translation>
    </message>
    <message>
        <source> (none clipped: a Newton-like step)</source>
        <translation>（无截断：类似牛顿步）</translation>
    </message>
    <message>
        <source>step: lr × sign(m) × ratio = {lr_sign_m}, taken downhill</source>
        <translation>步：lr × sign(m) × 比值 = {lr_sign_m}，沿下坡方向</translation>
    </message>
    <message>
        <source>after the step: h = {b2} × h + {b22} × estimate at the new point → {h_now}</source>
        <translation>这一步之后：h = {b2} × h + {b22} × 新点处的估计 → {h_now}</translation>
    </message>
    <message>
        <source>Step {k} → {k2}: {who}</source>
        <translation>第 {k} → {k2} 步：{who}</translation>
    </message>
    <message>
        <source>at point {before_point}: loss {before_loss}</source>
        <translation>在点 {before_point}：损失 {before_loss}</translation>
    </message>
    <message>
        <source>learning rate {lr} = base {optimizer_lr} × schedule {factor}</source>
        <translation>学习率 {lr} = 基础 {optimizer_lr} × 调度 {factor}</translation>
    </message>
    <message>
        <source>learning rate {lr}</source>
        <translation>学习率 {lr}</translation>
    </message>
    <message>
        <source>gradient {before_grad} + noise {noise} → gradient used {g_used}</source>
        <translation>梯度 {before_grad} + 噪声 {noise} → 使用的梯度 {g_used}</translation>
    </message>
    <message>
        <source>gradient {g_used}</source>
        <translation>梯度 {g_used}</translation>
    </message>
    <message>
        <source>move {update}</source>
        <translation>移动 {update}</translation>
    </message>
    <message>
        <source>this run blew up at step {before_diverged_at}: the point stays frozen at its last good position (the optimizer would move {proposed_update})</source>
        <translation>这次运行在第 {before_diverged_at} 步爆炸了：点冻结在最后一个正常的位置（优化器本来会移动 {proposed_update}）</translation>
    </message>
    <message>
        <source>blow-up: the move {proposed_update} lands where the loss is {proposed_loss} (not finite or above {blowup}), so the run diverged at step {k} and the point stays where it was</source>
        <translation>爆炸：移动 {proposed_update} 会落到损失为 {proposed_loss} 的地方（不是有限数或超过 {blowup}），所以这次运行在第 {k} 步发散，点留在原处</translation>
    </message>
    <message>
        <source>f is undefined or infinite at {before_point}, so there is no gradient to follow and the run is marked diverged at step {before_diverged_at}: move the start point into the region where the surface is drawn</source>
        <translation>f 在 {before_point} 处无定义或为无穷大，没有梯度可循，这次运行在第 {before_diverged_at} 步被标记为发散：请把起始点移到画出曲面的区域内</translation>
    </message>
    <message>
        <source>new point {point}: loss {loss} (down {change})</source>
        <translation>新点 {point}：损失 {loss}（下降 {change}）</translation>
    </message>
    <message>
        <source>new point {point}: loss {loss} (up {change})</source>
        <translation>新点 {point}：损失 {loss}（上升 {change}）</translation>
    </message>
    <message>
        <source>new point {point}: loss {loss} (unchanged)</source>
        <translation>新点 {point}：损失 {loss}（不变）</translation>
    </message>
</context>
<context>
    <name>overlay</name>
    <message>
        <source>actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>−gradient ({scale})</source>
        <translation>−梯度（{scale}）</translation>
    </message>
    <message>
        <source>−first moment m</source>
        <translation>−一阶矩 m</translation>
    </message>
    <message>
        <source>−velocity</source>
        <translation>−速度</translation>
    </message>
    <message>
        <source>−velocity (g/σ units)</source>
        <translation>−速度（g/σ 单位）</translation>
    </message>
    <message>
        <source>update ({scale})</source>
        <translation>更新（{scale}）</translation>
    </message>
    <message>
        <source>σ per coordinate ({scale})</source>
        <translation>每个坐标的 σ（{scale}）</translation>
    </message>
</context>
<context>
    <name>params</name>
    <message>
        <source>number of updates each optimizer makes from each start point</source>
        <translation>每个优化器从每个起始点出发所做的更新次数</translation>
    </message>
    <message>
        <source>std. dev. of Gaussian noise added to every gradient (like mini-batches)</source>
        <translation>加到每个梯度上的高斯噪声的标准差（类似小批量）</translation>
    </message>
    <message>
        <source>seed of the gradient noise: the same seed gives the same run</source>
        <translation>梯度噪声的种子：相同的种子给出相同的运行</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>curvature (Hessian eigenvalue) along the first axis</source>
        <translation>沿第一个轴的曲率（海森矩阵特征值）</translation>
    </message>
    <message>
        <source>curvature (Hessian eigenvalue) along the second axis</source>
        <translation>沿第二个轴的曲率（海森矩阵特征值）</translation>
    </message>
    <message>
        <source>rotation of the axes, in degrees</source>
        <translation>坐标轴的旋转角度（度）</translation>
    </message>
    <message>
        <source>x of the minimum</source>
        <translation>最小值的 x</translation>
    </message>
    <message>
        <source>y of the minimum</source>
        <translation>最小值的 y</translation>
    </message>
    <message>
        <source>the minimum is at (a, a^2)</source>
        <translation>最小值位于 (a, a^2)</translation>
    </message>
    <message>
        <source>steepness of the valley walls</source>
        <translation>谷壁的陡峭程度</translation>
    </message>
    <message>
        <source>height of the bumps</source>
        <translation>凸起的高度</translation>
    </message>
    <message>
        <source>depth of the funnel</source>
        <translation>漏斗的深度</translation>
    </message>
    <message>
        <source>how fast the funnel narrows</source>
        <translation>漏斗收窄的快慢</translation>
    </message>
    <message>
        <source>frequency of the dimples</source>
        <translation>小坑的频率</translation>
    </message>
    <message>
        <source>curvature along the valley: f grows like a x^2</source>
        <translation>沿山谷方向的曲率：f 像 a x^2 一样增长</translation>
    </message>
    <message>
        <source>steepness of the valley walls (|df/dy| far from the floor)</source>
        <translation>谷壁的陡峭程度（远离谷底处的 |df/dy|）</translation>
    </message>
    <message>
        <source>width over which the smooth floor rounds off the kink</source>
        <translation>光滑谷底把折点磨圆的宽度</translation>
    </message>
    <message>
        <source>feature values are spread over [0, feature_scale)</source>
        <translation>特征值分布在 [0, feature_scale) 上</translation>
    </message>
    <message>
        <source>number of data points</source>
        <translation>数据点的个数</translation>
    </message>
    <message>
        <source>random seed of the data set</source>
        <translation>数据集的随机种子</translation>
    </message>
    <message>
        <source>rescale the feature to mean 0 and standard deviation 1 before fitting</source>
        <translation>拟合前把特征重新缩放为均值 0、标准差 1</translation>
    </message>
    <message>
        <source>standard deviation of the noise in y</source>
        <translation>y 中噪声的标准差</translation>
    </message>
    <message>
        <source>slope of the line the data come from</source>
        <translation>生成数据所用直线的斜率</translation>
    </message>
    <message>
        <source>intercept of the line the data come from</source>
        <translation>生成数据所用直线的截距</translation>
    </message>
    <message>
        <source>the hidden units&apos; activation function</source>
        <translation>隐藏单元的激活函数</translation>
    </message>
    <message>
        <source>the two free weights: w1_b1 = hidden unit 1&apos;s input weight and bias, w1_w2 = both input weights, v1_v2 = both output weights, w1_v1 = unit 1&apos;s input and output weight</source>
        <translation>两个自由权重：w1_b1 = 隐藏单元 1 的输入权重和偏置，w1_w2 = 两个输入权重，v1_v2 = 两个输出权重，w1_v1 = 单元 1 的输入和输出权重</translation>
    </message>
    <message>
        <source>random seed of the 8 data inputs</source>
        <translation>8 个数据输入的随机种子</translation>
    </message>
    <message>
        <source>f(x, y), e.g. (1-x)^2 + 100*(y-x^2)^2; ^ or ** for powers</source>
        <translation>f(x, y)，例如 (1-x)^2 + 100*(y-x^2)^2；乘方用 ^ 或 **</translation>
    </message>
    <message>
        <source>left edge of the view</source>
        <translation>视图的左边界</translation>
    </message>
    <message>
        <source>right edge of the view</source>
        <translation>视图的右边界</translation>
    </message>
    <message>
        <source>bottom edge of the view</source>
        <translation>视图的下边界</translation>
    </message>
    <message>
        <source>top edge of the view</source>
        <translation>视图的上边界</translation>
    </message>
    <message>
        <source>learning rate: the step is lr times the (scaled) gradient</source>
        <translation>学习率：步长是 lr 乘以（缩放后的）梯度</translation>
    </message>
    <message>
        <source>L2 penalty: adds weight_decay * params to the gradient</source>
        <translation>L2 惩罚：在梯度上加上 weight_decay * params</translation>
    </message>
    <message>
        <source>fraction of the previous step kept in the velocity buffer</source>
        <translation>速度缓冲区中保留的上一步的比例</translation>
    </message>
    <message>
        <source>fraction of the new gradient left out of the velocity buffer</source>
        <translation>不计入速度缓冲区的新梯度的比例</translation>
    </message>
    <message>
        <source>Nesterov&apos;s look-ahead: step along g + momentum * buffer</source>
        <translation>Nesterov 的向前看：沿 g + momentum * buffer 走一步</translation>
    </message>
    <message>
        <source>the step is lr / (1 + (t - 1) * lr_decay)</source>
        <translation>步长为 lr / (1 + (t - 1) * lr_decay)</translation>
    </message>
    <message>
        <source>starting value of the sum of squared gradients</source>
        <translation>梯度平方和的初始值</translation>
    </message>
    <message>
        <source>added to the denominator so it is never zero</source>
        <translation>加到分母上，使它永远不为零</translation>
    </message>
    <message>
        <source>divide by the root MEAN square of past gradients (the lecture&apos;s sigma_t) instead of torch&apos;s root of their SUM</source>
        <translation>用过去梯度的均方根（讲义中的 sigma_t）去除，而不是 torch 的平方和的平方根</translation>
    </message>
    <message>
        <source>smoothing constant of the moving average of g^2</source>
        <translation>g^2 滑动平均的平滑常数</translation>
    </message>
    <message>
        <source>divide by an estimate of the gradient&apos;s variance instead of its raw square</source>
        <translation>用梯度方差的估计值去除，而不是梯度的平方</translation>
    </message>
    <message>
        <source>decay rates of the first (mean) and second (uncentered variance) moments</source>
        <translation>一阶（均值）和二阶（未中心化的方差）矩的衰减率</translation>
    </message>
    <message>
        <source>use the running maximum of the second moment (AMSGrad)</source>
        <translation>使用二阶矩的历史最大值（AMSGrad）</translation>
    </message>
    <message>
        <source>divide m and v by (1 - beta^t), which undoes their start at zero; off (not in torch) makes the first steps about 3 times lr with the default betas</source>
        <translation>把 m 和 v 除以 (1 - beta^t)，抵消它们从零开始的影响；关闭后（torch 中没有这个选项），在默认 betas 下最初几步约为 lr 的 3 倍</translation>
    </message>
    <message>
        <source>decoupled decay: p shrinks by lr * weight_decay each step</source>
        <translation>解耦衰减：每步 p 缩小 lr * weight_decay</translation>
    </message>
    <message>
        <source>how fast the momentum schedule mu_t approaches beta1</source>
        <translation>动量调度 mu_t 趋近 beta1 的快慢</translation>
    </message>
    <message>
        <source>decay the point itself, p = p (1 - lr weight_decay) (AdamW&apos;s way), instead of adding weight_decay * p to the gradient</source>
        <translation>直接衰减点本身，p = p (1 - lr weight_decay)（AdamW 的方式），而不是在梯度上加 weight_decay * p</translation>
    </message>
    <message>
        <source>decay of the moving averages of g^2 and of the squared steps</source>
        <translation>g^2 与步长平方的滑动平均的衰减</translation>
    </message>
    <message>
        <source>(etaminus, etaplus): step-size factors when the gradient&apos;s sign flips / stays</source>
        <translation>(etaminus, etaplus)：梯度符号翻转 / 不变时的步长系数</translation>
    </message>
    <message>
        <source>(min, max): the step sizes stay within these</source>
        <translation>(min, max)：步长保持在这个范围内</translation>
    </message>
    <message>
        <source>decay term: p shrinks by lambd * eta every step, and eta decays as (1 + lambd lr t)^-alpha</source>
        <translation>衰减项：每步 p 缩小 lambd * eta，eta 按 (1 + lambd lr t)^-alpha 衰减</translation>
    </message>
    <message>
        <source>power of the step-size decay</source>
        <translation>步长衰减的幂次</translation>
    </message>
    <message>
        <source>step from which the points are averaged (ax)</source>
        <translation>开始对点取平均的步数（ax）</translation>
    </message>
    <message>
        <source>inner iterations per step (each moves the point)</source>
        <translation>每步的内部迭代次数（每次都会移动点）</translation>
    </message>
    <message>
        <source>function evaluations per step; 0: torch&apos;s default max_iter * 5 // 4</source>
        <translation>每步的函数求值次数；0：torch 的默认值 max_iter * 5 // 4</translation>
    </message>
    <message>
        <source>a step stops once max |gradient| is at most this</source>
        <translation>max |梯度| 不超过此值时该步停止</translation>
    </message>
    <message>
        <source>a step stops once the loss or the move changes by less than this</source>
        <translation>损失或移动的变化小于此值时该步停止</translation>
    </message>
    <message>
        <source>how many past (step, gradient change) pairs approximate the inverse Hessian</source>
        <translation>用来近似逆海森矩阵的过去（步，梯度变化）对的数量</translation>
    </message>
    <message>
        <source>&apos;strong_wolfe&apos;: choose each step length by a line search (torch&apos;s None is &apos;none&apos;)</source>
        <translation>&apos;strong_wolfe&apos;：用线搜索选每一步的步长（torch 的 None 对应 &apos;none&apos;）</translation>
    </message>
    <message>
        <source>beta1 mixes momentum and gradient for the sign; beta2 is the momentum&apos;s decay</source>
        <translation>beta1 在取符号时混合动量和梯度；beta2 是动量的衰减</translation>
    </message>
    <message>
        <source>added to s each step and to the denominator (the reference&apos;s default 1e-16; 1e-8 for SGD-like tasks)</source>
        <translation>每步加到 s 和分母上（参考实现默认 1e-16；类似 SGD 的任务用 1e-8）</translation>
    </message>
    <message>
        <source>weight decay: decoupled (p shrinks) or added to the gradient, see weight_decouple</source>
        <translation>权重衰减：解耦（p 缩小）或加到梯度上，见 weight_decouple</translation>
    </message>
    <message>
        <source>decoupled weight decay as in AdamW (the reference&apos;s default) instead of an L2 term in the gradient</source>
        <translation>像 AdamW 那样的解耦权重衰减（参考实现的默认），而不是梯度中的 L2 项</translation>
    </message>
    <message>
        <source>with weight_decouple: shrink p by weight_decay, not by lr * weight_decay</source>
        <translation>与 weight_decouple 一起：按 weight_decay 而不是 lr * weight_decay 缩小 p</translation>
    </message>
    <message>
        <source>RAdam&apos;s rectification of the step while s is estimated from few gradients</source>
        <translation>在 s 只由少数梯度估计时，RAdam 对步长的整流</translation>
    </message>
    <message>
        <source>with rectify: take momentum steps (no division) while the variance estimate is unreliable</source>
        <translation>与 rectify 一起：在方差估计不可靠时走动量步（不做除法）</translation>
    </message>
    <message>
        <source>weights of the old values in the averages of the gradient, of its change and of the squared corrected gradient (the paper&apos;s 1 - beta)</source>
        <translation>在梯度、梯度变化以及修正后梯度平方的平均中旧值的权重（论文中的 1 - beta）</translation>
    </message>
    <message>
        <source>decoupled decay: p / (1 + lr weight_decay) after the step</source>
        <translation>解耦衰减：这一步之后 p / (1 + lr weight_decay)</translation>
    </message>
    <message>
        <source>clip |g| of each point to this (0: no clipping)</source>
        <translation>把每个点的 |g| 裁剪到此值（0：不裁剪）</translation>
    </message>
    <message>
        <source>decay as p (1 - lr weight_decay) before the step instead of dividing after</source>
        <translation>在这一步之前按 p (1 - lr weight_decay) 衰减，而不是之后做除法</translation>
    </message>
    <message>
        <source>decays of the fast average m1, of v (g^2) and of the slow average m2</source>
        <translation>快速平均 m1、v（g^2）和慢速平均 m2 的衰减</translation>
    </message>
    <message>
        <source>weight of the slow average m2 in the step</source>
        <translation>慢速平均 m2 在步长中的权重</translation>
    </message>
    <message>
        <source>steps over which beta3&apos;s half-life grows to its value (0: none, the reference&apos;s None)</source>
        <translation>beta3 的半衰期增长到其设定值所用的步数（0：无，参考实现的 None）</translation>
    </message>
    <message>
        <source>steps over which alpha grows to its value (0: none, the reference&apos;s None)</source>
        <translation>alpha 增长到其设定值所用的步数（0：无，参考实现的 None）</translation>
    </message>
    <message>
        <source>AdamW-like decay: weight_decay * p is added to the step</source>
        <translation>类似 AdamW 的衰减：在步长上加 weight_decay * p</translation>
    </message>
    <message>
        <source>decay of the sums that estimate d; 0 means sqrt(beta2) (the reference&apos;s None)</source>
        <translation>估计 d 的那些和的衰减；0 表示 sqrt(beta2)（参考实现的 None）</translation>
    </message>
    <message>
        <source>added to sqrt(v) / d, the denominator of the step</source>
        <translation>加到步长分母 sqrt(v) / d 上的值</translation>
    </message>
    <message>
        <source>weight decay: decoupled (p shrinks by weight_decay * dlr) or in the gradient, see decouple</source>
        <translation>权重衰减：解耦（p 缩小 weight_decay * dlr）或放进梯度，见 decouple</translation>
    </message>
    <message>
        <source>AdamW-style decoupled weight decay</source>
        <translation>AdamW 式的解耦权重衰减</translation>
    </message>
    <message>
        <source>Adam&apos;s bias correction in the step size (off in the reference by default)</source>
        <translation>在步长中使用 Adam 的偏差修正（参考实现中默认关闭）</translation>
    </message>
    <message>
        <source>leave lr out of the d estimate&apos;s sums (for schedules with warm-up)</source>
        <translation>在 d 估计的和中不计入 lr（用于带预热的调度）</translation>
    </message>
    <message>
        <source>the first distance estimate; d only grows from it</source>
        <translation>最初的距离估计；d 只会从它开始增大</translation>
    </message>
    <message>
        <source>multiplies every estimate of d: the knob to tune (0.5 or 2 also work)</source>
        <translation>乘到 d 的每个估计上：要调的旋钮（0.5 或 2 也可以）</translation>
    </message>
    <message>
        <source>largest factor by which d may grow per step; 0 means unrestricted (the reference&apos;s inf)</source>
        <translation>每步 d 最多增大的倍数；0 表示不限制（参考实现的 inf）</translation>
    </message>
    <message>
        <source>weight decay at y, added to the (normalized) gradient</source>
        <translation>在 y 处的权重衰减，加到（归一化的）梯度上</translation>
    </message>
    <message>
        <source>linear warm-up of lr over this many steps, inside the optimizer</source>
        <translation>在优化器内部用这么多步对 lr 做线性预热</translation>
    </message>
    <message>
        <source>the average weighs step k by (k + 1)^r (0: all alike)</source>
        <translation>平均时第 k 步的权重为 (k + 1)^r（0：全都一样）</translation>
    </message>
    <message>
        <source>the average weighs each step by lr_max^weight_lr_power (matters during warm-up)</source>
        <translation>平均时每一步的权重为 lr_max^weight_lr_power（在预热期间起作用）</translation>
    </message>
    <message>
        <source>where y sits between z (0) and the average x (1)</source>
        <translation>y 在 z（0）和平均值 x（1）之间的位置</translation>
    </message>
    <message>
        <source>decays of the momentum m and of the curvature estimate h</source>
        <translation>动量 m 和曲率估计 h 的衰减</translation>
    </message>
    <message>
        <source>gamma: the step on an unclipped coordinate is lr * m / (rho * h)</source>
        <translation>gamma：未被截断的坐标上的步长为 lr * m / (rho * h)</translation>
    </message>
    <message>
        <source>the reference&apos;s batch token count multiplying rho (1 for an exact Hessian)</source>
        <translation>参考实现中乘到 rho 上的批量 token 数（精确海森矩阵时为 1）</translation>
    </message>
    <message>
        <source>refresh the curvature estimate after every this many steps</source>
        <translation>每隔这么多步更新一次曲率估计</translation>
    </message>
    <message>
        <source>the diagonal estimate: exact, or Hutchinson&apos;s u * (H u) with random signs u</source>
        <translation>对角估计：精确值，或使用随机符号 u 的 Hutchinson 估计 u * (H u)</translation>
    </message>
    <message>
        <source>seed of Hutchinson&apos;s random signs</source>
        <translation>Hutchinson 随机符号的种子</translation>
    </message>
    <message>
        <source>added to every |eigenvalue| (Levenberg-Marquardt): shorter, more gradient-like steps</source>
        <translation>加到每个 |特征值| 上（Levenberg-Marquardt）：步子更短，更接近梯度步</translation>
    </message>
    <message>
        <source>smallest curvature divided by (keeps steps finite where the surface is flat)</source>
        <translation>作除数的最小曲率（让曲面平坦处的步长保持有限）</translation>
    </message>
    <message>
        <source>GD departs from the flow where their distance exceeds this fraction of the flow&apos;s path length</source>
        <translation>当 GD 与梯度流的距离超过梯度流路径长度的这个比例时，认为 GD 偏离了梯度流</translation>
    </message>
    <message>
        <source>the inner optimizer whose steps are the fast weights</source>
        <translation>其步子构成快权重的内部优化器</translation>
    </message>
    <message>
        <source>k: inner steps between synchronizations</source>
        <translation>k：两次同步之间的内部步数</translation>
    </message>
    <message>
        <source>how far the slow weights move toward the fast ones (1: the inner optimizer alone)</source>
        <translation>慢权重向快权重移动的程度（1：只用内部优化器）</translation>
    </message>
    <message>
        <source>at a synchronization: keep the inner momentum buffer, or zero it</source>
        <translation>同步时：保留内部动量缓冲区，或将其清零</translation>
    </message>
    <message>
        <source>steps of linear warm-up before the decay starts (0: none)</source>
        <translation>衰减开始前线性预热的步数（0：无）</translation>
    </message>
    <message>
        <source>factor at step 0 of the warm-up; it rises linearly to 1</source>
        <translation>预热第 0 步时的系数；它线性上升到 1</translation>
    </message>
    <message>
        <source>steps between decays</source>
        <translation>两次衰减之间的步数</translation>
    </message>
    <message>
        <source>factor applied at each decay</source>
        <translation>每次衰减时乘上的系数</translation>
    </message>
    <message>
        <source>factor applied every step</source>
        <translation>每步乘上的系数</translation>
    </message>
    <message>
        <source>how fast the factor falls</source>
        <translation>系数下降的快慢</translation>
    </message>
    <message>
        <source>steps over which the factor falls to min_factor (T); constant after</source>
        <translation>系数下降到 min_factor 所用的步数（T）；之后保持不变</translation>
    </message>
    <message>
        <source>the final factor</source>
        <translation>最终的系数</translation>
    </message>
    <message>
        <source>the steps at which the factor is multiplied by gamma (comma-separated)</source>
        <translation>系数乘以 gamma 的那些步（逗号分隔）</translation>
    </message>
    <message>
        <source>factor applied at each milestone</source>
        <translation>在每个里程碑处乘上的系数</translation>
    </message>
    <message>
        <source>steps over which the factor falls to 0 (T); 0 after</source>
        <translation>系数下降到 0 所用的步数（T）；之后为 0</translation>
    </message>
    <message>
        <source>1: linear; larger falls faster at first</source>
        <translation>1：线性；越大开始时下降越快</translation>
    </message>
    <message>
        <source>steps until the first restart</source>
        <translation>到第一次重启的步数</translation>
    </message>
    <message>
        <source>each period is T_mult times longer than the one before</source>
        <translation>每个周期比前一个长 T_mult 倍</translation>
    </message>
    <message>
        <source>the lowest factor (torch&apos;s eta_min / lr)</source>
        <translation>最低的系数（torch 的 eta_min / lr）</translation>
    </message>
    <message>
        <source>length of the cycle</source>
        <translation>周期的长度</translation>
    </message>
    <message>
        <source>fraction of the cycle spent increasing the lr</source>
        <translation>周期中用于增大 lr 的比例</translation>
    </message>
    <message>
        <source>how the factor moves between its ends</source>
        <translation>系数在两端之间变化的方式</translation>
    </message>
    <message>
        <source>the cycle starts at lr / div_factor</source>
        <translation>周期从 lr / div_factor 开始</translation>
    </message>
    <message>
        <source>and ends at lr / (div_factor * final_div_factor)</source>
        <translation>并在 lr / (div_factor * final_div_factor) 结束</translation>
    </message>
    <message>
        <source>come back down to the start value before the final annealing</source>
        <translation>在最后退火之前先回落到起始值</translation>
    </message>
    <message>
        <source>the peak factor (torch&apos;s max_lr / base_lr)</source>
        <translation>峰值系数（torch 的 max_lr / base_lr）</translation>
    </message>
    <message>
        <source>steps going up</source>
        <translation>上升的步数</translation>
    </message>
    <message>
        <source>steps going down; 0: as many as going up</source>
        <translation>下降的步数；0：与上升相同</translation>
    </message>
    <message>
        <source>triangular2 halves the height every cycle; exp_range scales it by gamma^t</source>
        <translation>triangular2 每个周期把高度减半；exp_range 按 gamma^t 缩放</translation>
    </message>
    <message>
        <source>exp_range&apos;s factor per step</source>
        <translation>exp_range 每步的系数</translation>
    </message>
    <message>
        <source>length of the sweep (T)</source>
        <translation>扫描的长度（T）</translation>
    </message>
    <message>
        <source>the last step&apos;s lr is lr * end_factor (fastai&apos;s lr_find: end_lr / start_lr)</source>
        <translation>最后一步的 lr 为 lr * end_factor（fastai 的 lr_find：end_lr / start_lr）</translation>
    </message>
    <message>
        <source>the lr is multiplied by this on a plateau</source>
        <translation>平台期时 lr 乘上的值</translation>
    </message>
    <message>
        <source>steps without improvement that are tolerated</source>
        <translation>可以容忍的没有改善的步数</translation>
    </message>
    <message>
        <source>an improvement smaller than this does not count</source>
        <translation>小于此值的改善不算数</translation>
    </message>
    <message>
        <source>rel: better than best * (1 - threshold); abs: better than best - threshold</source>
        <translation>rel：优于 best * (1 - threshold)；abs：优于 best - threshold</translation>
    </message>
    <message>
        <source>steps after a reduction during which losses are not judged</source>
        <translation>降低之后不评判损失的步数</translation>
    </message>
    <message>
        <source>the lr never goes below lr * min_factor</source>
        <translation>lr 永远不低于 lr * min_factor</translation>
    </message>
    <message>
        <source>a reduction smaller than this is skipped</source>
        <translation>小于此值的降低会被跳过</translation>
    </message>
    <message>
        <source>steps of linear warm-up (the factor then stays 1)</source>
        <translation>线性预热的步数（之后系数保持为 1）</translation>
    </message>
    <message>
        <source>the built-in data set</source>
        <translation>内置数据集</translation>
    </message>
    <message>
        <source>number of training samples</source>
        <translation>训练样本数</translation>
    </message>
    <message>
        <source>standard deviation of the data set&apos;s noise</source>
        <translation>数据集噪声的标准差</translation>
    </message>
    <message>
        <source>seed of the data set</source>
        <translation>数据集的种子</translation>
    </message>
    <message>
        <source>scale inputs to mean 0 and standard deviation 1</source>
        <translation>把输入缩放为均值 0、标准差 1</translation>
    </message>
    <message>
        <source>the hidden layers&apos; activation</source>
        <translation>隐藏层的激活函数</translation>
    </message>
    <message>
        <source>initialization scheme</source>
        <translation>初始化方案</translation>
    </message>
    <message>
        <source>multiplies the initialization&apos;s standard deviation</source>
        <translation>乘到初始化标准差上的值</translation>
    </message>
    <message>
        <source>seed of the initial weights</source>
        <translation>初始权重的种子</translation>
    </message>
    <message>
        <source>auto: mse for regression, cross_entropy for classification</source>
        <translation>auto：回归用 mse，分类用 cross_entropy</translation>
    </message>
    <message>
        <source>samples per mini-batch; 0: full batch</source>
        <translation>每个小批量的样本数；0：全批量</translation>
    </message>
    <message>
        <source>the optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>the learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>number of updates</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <source>measure the sharpness every k steps; 0: never</source>
        <translation>每 k 步测量一次锐度；0：从不测量</translation>
    </message>
    <message>
        <source>gradient noise standard deviation (lesson P3)</source>
        <translation>梯度噪声的标准差（课程 P3）</translation>
    </message>
    <message>
        <source>seed of the gradient noise and of the mini-batch order</source>
        <translation>梯度噪声和小批量顺序的种子</translation>
    </message>
    <message>
        <source>at most this many weight vectors (+ the last) are kept for the landscape</source>
        <translation>为地形图最多保留这么多个权重向量（另加最后一个）</translation>
    </message>
</context>
<context>
    <name>schedules</name>
    <message>
        <source>Constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <source>1/sqrt(t+1) decay (lecture)</source>
        <translation>1/sqrt(t+1) 衰减（讲义）</translation>
    </message>
    <message>
        <source>Inverse-time decay</source>
        <translation>逆时间衰减</translation>
    </message>
    <message>
        <source>Cosine decay</source>
        <translation>余弦衰减</translation>
    </message>
    <message>
        <source>Multi-step decay</source>
        <translation>多阶梯衰减</translation>
    </message>
    <message>
        <source>Polynomial decay</source>
        <translation>多项式衰减</translation>
    </message>
    <message>
        <source>Cosine with warm restarts (SGDR)</source>
        <translation>带热重启的余弦（SGDR）</translation>
    </message>
    <message>
        <source>One-cycle (super-convergence)</source>
        <translation>单周期（超收敛）</translation>
    </message>
    <message>
        <source>Cyclic (triangular)</source>
        <translation>循环（三角形）</translation>
    </message>
    <message>
        <source>Exponential lr sweep (lr range test)</source>
        <translation>指数式学习率扫描（学习率范围测试）</translation>
    </message>
    <message>
        <source>Reduce on plateau (loss-driven)</source>
        <translation>平台期降低（由损失驱动）</translation>
    </message>
    <message>
        <source>Linear warm-up</source>
        <translation>线性预热</translation>
    </message>
</context>
<context>
    <name>stability</name>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>oscillating</source>
        <translation>振荡</translation>
    </message>
    <message>
        <source>on the edge (neither grows nor shrinks)</source>
        <translation>处于边界（既不增大也不缩小）</translation>
    </message>
    <message>
        <source>diverging</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>no limit (lambda_max &lt;= 0)</source>
        <translation>无极限（lambda_max &lt;= 0）</translation>
    </message>
    <message>
        <source>undefined (curvature not finite)</source>
        <translation>无定义（曲率不是有限数）</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>The curvature here is not a finite number.</source>
        <translation>此处的曲率不是有限数。</translation>
    </message>
    <message>
        <source>{a_text}: the surface does not curve up along any axis here, so no step size is too large for stability; descent slides along or away.</source>
        <translation>{a_text}：此处曲面沿任何轴都不向上弯，所以就稳定性而言没有哪个步长算太大；下降会滑过去或滑走。</translation>
    </message>
    <message>
        <source>{a_text} is exactly the limit {limit} of {name}: along the steepest axis the path bounces between the walls forever, neither growing nor shrinking.</source>
        <translation>{a_text} 恰好等于{name}的极限 {limit}：沿最陡的轴，路径在谷壁之间永远弹跳，既不增大也不缩小。</translation>
    </message>
    <message>
        <source>{a_text} is above the limit {limit} of {name}: each step overshoots by more than it corrects, the bounces grow by a factor {radius} per step and the loss blows up. Largest stable lr here: {max_lr}.</source>
        <translation>{a_text} 高于{name}的极限 {limit}：每一步冲过头的都比纠正的多，弹跳每步放大 {radius} 倍，损失爆炸。此处最大的稳定 lr：{max_lr}。</translation>
    </message>
    <message>
        <source>{a_text} is below the limit {limit} of {name} but the path overshoots: it spirals in along the steepest axis while converging (factor {radius} per step).</source>
        <translation>{a_text} 低于{name}的极限 {limit}，但路径会冲过头：它在收敛的同时沿最陡的轴螺旋进入（每步 {radius} 倍）。</translation>
    </message>
    <message>
        <source>{a_text} is below the limit {limit} of {name} but the path overshoots: it bounces from wall to wall along the steepest axis while converging (factor {radius} per step).</source>
        <translation>{a_text} 低于{name}的极限 {limit}，但路径会冲过头：它在收敛的同时沿最陡的轴在谷壁之间来回弹跳（每步 {radius} 倍）。</translation>
    </message>
    <message>
        <source>{a_text}: along the steepest axis each step moves toward the minimum without overshooting (factor {radius} per step; limit {limit}).</source>
        <translation>{a_text}：沿最陡的轴，每一步都朝最小值前进而不冲过头（每步 {radius} 倍；极限 {limit}）。</translation>
    </message>
</context>
<context>
    <name>surfaces</name>
    <message>
        <source>Quadratic bowl / valley</source>
        <translation>二次碗 / 山谷</translation>
    </message>
    <message>
        <source>A bowl whose curvature you choose: lambda1 and lambda2 are the Hessian&apos;s eigenvalues (the steepness along the two principal axes), angle rotates the axes. With equal eigenvalues it is a round bowl; with very different ones a long narrow valley, the shape on which plain gradient descent zig-zags. Gradient descent is stable only while lr * lambda_max &lt; 2.</source>
        <translation>曲率由你选择的碗：lambda1 和 lambda2 是海森矩阵的特征值（沿两条主轴的陡峭程度），angle 旋转坐标轴。两个特征值相等时是圆碗；相差很大时是一条狭长的山谷，普通梯度下降正是在这种形状上走之字形。只有当 lr * lambda_max &lt; 2 时梯度下降才稳定。</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>鞍面</translation>
    </message>
    <message>
        <source>f = x^2 - y^2. At the origin the gradient is zero but it is not a minimum: the surface curves up along x and down along y (Hessian eigenvalues 2 and -2). A start exactly on the x axis slides into the saddle and stays; any small offset in y escapes, slowly at first. Momentum and noise help to escape faster.</source>
        <translation>f = x^2 - y^2。原点处梯度为零，但它不是最小值：曲面沿 x 方向向上弯，沿 y 方向向下弯（海森矩阵特征值 2 和 -2）。恰好从 x 轴上出发会滑进鞍点并停在那里；y 方向上只要有一点偏移就会逃离，起初很慢。动量和噪声有助于更快逃离。</translation>
    </message>
    <message>
        <source>Monkey saddle</source>
        <translation>猴鞍面</translation>
    </message>
    <message>
        <source>f = x^3 - 3xy^2. At the origin gradient and Hessian are both zero, yet it is no minimum: three valleys go down from it (room for two legs and a tail). Near the origin the gradient is tiny, so descent crawls before it speeds away.</source>
        <translation>f = x^3 - 3xy^2。原点处梯度和海森矩阵都为零，但它不是最小值：从那里向下延伸出三条山谷（两条腿和一条尾巴的位置）。原点附近梯度极小，所以下降先是爬行，然后才加速离开。</translation>
    </message>
    <message>
        <source>Rosenbrock&apos;s banana valley</source>
        <translation>Rosenbrock 香蕉形山谷</translation>
    </message>
    <message>
        <source>f = (a - x)^2 + b (y - x^2)^2. The minimum sits at (a, a^2) at the bottom of a long, curved, flat-floored valley shaped like a banana. Finding the valley is easy; following its bend to the minimum is hard: across the valley the surface is steep (curvature about 2b), along it almost flat, so plain gradient descent must take tiny steps and crawls. Momentum and adaptive methods do much better.</source>
        <translation>f = (a - x)^2 + b (y - x^2)^2。最小值 (a, a^2) 位于一条形似香蕉、弯曲且谷底平坦的长山谷底部。找到山谷很容易；沿着弯道走到最小值却很难：横跨山谷方向很陡（曲率约 2b），沿山谷方向几乎是平的，所以普通梯度下降只能迈极小的步子慢慢爬。动量和自适应方法要好得多。</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale</translation>
    </message>
    <message>
        <source>f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2. The minimum 0 is at (3, 0.5) in a narrow curved valley; the corners of the view rise to about 10^5. Flat plateaus near the valley and very steep walls make one learning rate too small in one place and too large in another.</source>
        <translation>f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2。最小值 0 位于一条狭窄弯曲山谷中的 (3, 0.5)；视图的四角高达约 10^5。山谷附近平坦的高原和非常陡的谷壁，使得同一个学习率在一处太小、在另一处又太大。</translation>
    </message>
    <message>
        <source>Himmelblau (four minima)</source>
        <translation>Himmelblau（四个最小值）</translation>
    </message>
    <message>
        <source>f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2 has four equally good minima (value 0), one in each quadrant, and a local maximum near (-0.27, -0.92). Which minimum a run finds depends only on where it starts: try starts around the maximum and watch them fall into different basins.</source>
        <translation>f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2 有四个同样好的最小值（值为 0），每个象限一个，还有一个局部最大值在 (-0.27, -0.92) 附近。运行找到哪个最小值只取决于它从哪里出发：在最大值周围放几个起始点，看它们落进不同的盆地。</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Booth</translation>
    </message>
    <message>
        <source>f = (x + 2y - 7)^2 + (2x + y - 5)^2, a tilted quadratic bowl with its minimum 0 at (1, 3). Its Hessian is constant, [[10, 8], [8, 10]], with eigenvalues 18 and 2: an elongated bowl lying along the diagonal. Gradient descent is stable for lr &lt; 2/18.</source>
        <translation>f = (x + 2y - 7)^2 + (2x + y - 5)^2，一个倾斜的二次碗，最小值 0 在 (1, 3)。它的海森矩阵是常数 [[10, 8], [8, 10]]，特征值为 18 和 2：一个沿对角线躺着的长碗。lr &lt; 2/18 时梯度下降稳定。</translation>
    </message>
    <message>
        <source>Matyas</source>
        <translation>Matyas</translation>
    </message>
    <message>
        <source>f = 0.26 (x^2 + y^2) - 0.48xy, a quadratic bowl with its minimum 0 at the origin. The Hessian&apos;s eigenvalues are 1.0 (across the diagonal) and 0.04 (along it): a condition number of 25. Descent quickly drops onto the diagonal, then creeps along it.</source>
        <translation>f = 0.26 (x^2 + y^2) - 0.48xy，一个最小值 0 在原点的二次碗。海森矩阵的特征值为 1.0（横跨对角线）和 0.04（沿对角线）：条件数为 25。下降很快落到对角线上，然后沿着它慢慢爬。</translation>
    </message>
    <message>
        <source>Three-hump camel</source>
        <translation>三峰驼</translation>
    </message>
    <message>
        <source>f = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2. The global minimum 0 is at the origin; two local minima (value about 0.30) sit near (1.75, -0.87) and (-1.75, 0.87). A start on the outer slopes easily ends in a local minimum.</source>
        <translation>f = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2。全局最小值 0 在原点；两个局部最小值（值约 0.30）位于 (1.75, -0.87) 和 (-1.75, 0.87) 附近。从外侧山坡出发很容易停在局部最小值。</translation>
    </message>
    <message>
        <source>Six-hump camel</source>
        <translation>六峰驼</translation>
    </message>
    <message>
        <source>f = (4 - 2.1x^2 + x^4/3) x^2 + xy + (4y^2 - 4) y^2. Six local minima, two of them global (value -1.0316) at (0.0898, -0.7127) and (-0.0898, 0.7127), mirror images of each other; the origin between them is a saddle point.</source>
        <translation>f = (4 - 2.1x^2 + x^4/3) x^2 + xy + (4y^2 - 4) y^2。有六个局部最小值，其中两个是全局最小值（值 -1.0316），位于 (0.0898, -0.7127) 和 (-0.0898, 0.7127)，互为镜像；它们之间的原点是鞍点。</translation>
    </message>
    <message>
        <source>McCormick</source>
        <translation>McCormick</translation>
    </message>
    <message>
        <source>f = sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1 on -1.5 &lt;= x &lt;= 4, -3 &lt;= y &lt;= 4. A valley along x = y + 1, rippled by the sine, with the minimum -1.9132 at (-0.547, -1.547). Across the valley the curvature is 4; along it the sine makes it alternately curve up and down.</source>
        <translation>在 -1.5 &lt;= x &lt;= 4，-3 &lt;= y &lt;= 4 上，f = sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1。一条沿 x = y + 1 方向、被正弦波纹起伏的山谷，最小值 -1.9132 在 (-0.547, -1.547)。横跨山谷的曲率为 4；沿着山谷，正弦使它交替地向上弯和向下弯。</translation>
    </message>
    <message>
        <source>Rastrigin (egg crate)</source>
        <translation>Rastrigin（蛋托）</translation>
    </message>
    <message>
        <source>f = 2A + x^2 - A cos(2 pi x) + y^2 - A cos(2 pi y): a bowl covered with a regular grid of bumps, with a local minimum near every point with whole-number coordinates. Only the one at the origin (value 0) is global. Gradient descent stops in the nearest dimple; larger steps, momentum or noise can hop over the bumps. With A = 0 it is the plain bowl x^2 + y^2.</source>
        <translation>f = 2A + x^2 - A cos(2 pi x) + y^2 - A cos(2 pi y)：一个布满规则网格状凸起的碗，每个整数坐标点附近都有一个局部最小值。只有原点处的那个（值为 0）是全局最小值。梯度下降停在最近的小坑里；更大的步子、动量或噪声可以跳过凸起。A = 0 时它就是普通的碗 x^2 + y^2。</translation>
    </message>
    <message>
        <source>Ackley</source>
        <translation>Ackley</translation>
    </message>
    <message>
        <source>f = -a exp(-b sqrt((x^2 + y^2)/2)) - exp((cos(cx) + cos(cy))/2) + a + e. A nearly flat outer region full of small dimples (local minima), with a deep narrow funnel to the global minimum 0 at the origin. The funnel&apos;s tip is a cone: the gradient does not shrink as you approach it, so a fixed step size overshoots back and forth. (At the tip itself the gradient is taken as 0.)</source>
        <translation>f = -a exp(-b sqrt((x^2 + y^2)/2)) - exp((cos(cx) + cos(cy))/2) + a + e。外围几乎平坦、布满小坑（局部最小值），一个又深又窄的漏斗通向原点处的全局最小值 0。漏斗的尖端是个圆锥：越接近它梯度并不变小，所以固定步长会来回冲过头。（尖端本身的梯度取为 0。）</translation>
    </message>
    <message>
        <source>Goldstein-Price</source>
        <translation>Goldstein-Price</translation>
    </message>
    <message>
        <source>The Goldstein-Price function: a degree-8 polynomial whose values span six orders of magnitude in the view, from the global minimum 3 at (0, -1) to about 10^6 in the corners, with local minima (values 30, 84 and 840) nearby. Gradients differ by the same factor, so a learning rate that is safe in one place explodes in another; normalizing methods like Adam cope better.</source>
        <translation>Goldstein-Price 函数：一个 8 次多项式，在视图内的取值跨越六个数量级，从 (0, -1) 处的全局最小值 3 到四角的约 10^6，附近还有局部最小值（值为 30、84 和 840）。梯度也相差同样的倍数，所以在一处安全的学习率在另一处会爆炸；Adam 这类归一化的方法应付得更好。</translation>
    </message>
    <message>
        <source>Styblinski-Tang</source>
        <translation>Styblinski-Tang</translation>
    </message>
    <message>
        <source>f = (x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y) / 2. Four basins, one per quadrant; the deepest (value -78.33) is at (-2.9035, -2.9035), the shallowest at (2.7468, 2.7468). Starts in the other basins end in a local minimum: what counts is where you start.</source>
        <translation>f = (x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y) / 2。四个盆地，每个象限一个；最深的（值 -78.33）在 (-2.9035, -2.9035)，最浅的在 (2.7468, 2.7468)。从其他盆地出发会停在局部最小值：关键在于从哪里出发。</translation>
    </message>
    <message>
        <source>Crease (kinked valley floor)</source>
        <translation>折痕（带折点的谷底）</translation>
    </message>
    <message>
        <source>f = a x^2 + slope |y|. A long, shallow valley along x whose floor y = 0 is a sharp crease, like |y| or a ReLU. On the walls the gradient across the valley is +slope or -slope however close to the floor you are; it never shrinks. So a fixed step jumps from wall to wall (the gradient flips sign at the crease) and the path zig-zags forever instead of settling on the floor. Compare smooth_crease, the same valley with a rounded floor. (Exactly on the crease the gradient across it is taken as 0.)</source>
        <translation>f = a x^2 + slope |y|。一条沿 x 方向又长又浅的山谷，谷底 y = 0 是一道尖锐的折痕，就像 |y| 或 ReLU。在谷壁上，横跨山谷的梯度无论离谷底多近都是 +slope 或 -slope，从不变小。所以固定的步子会从一侧谷壁跳到另一侧（梯度在折痕处变号），路径永远走之字形，而停不到谷底上。与 smooth_crease 比较：同一个山谷，只是谷底是圆的。（恰好在折痕上时，横向梯度取为 0。）</translation>
    </message>
    <message>
        <source>Smooth crease (rounded valley floor)</source>
        <translation>光滑折痕（圆滑的谷底）</translation>
    </message>
    <message>
        <source>f = a x^2 + slope sqrt(width^2 + y^2): the crease valley with its floor rounded off over a small width. Far from the floor it is the same surface, but near it the gradient shrinks smoothly, like ELU or softplus next to ReLU. With the defaults and lr 0.01 from (-8, 1) this is the lecture&apos;s stalled valley: gradient descent settles into bouncing between y = +0.049 and y = -0.049 with |gradient| = 9.8 while the loss barely moves; a tiny lr stops the bouncing but crawls along x. Adaptive methods (Adagrad, RMSProp, Adam) race along the floor, but only Adam settles at the minimum: RMSProp and Adagrad keep hopping across it (lesson P5).</source>
        <translation>f = a x^2 + slope sqrt(width^2 + y^2)：把折痕山谷的谷底在一小段宽度上磨圆。离谷底远处是同一个曲面，但在谷底附近梯度平滑地变小，就像 ELU 或 softplus 之于 ReLU。用默认参数和 lr 0.01 从 (-8, 1) 出发，这就是讲义中停滞的山谷：梯度下降陷入在 y = +0.049 和 y = -0.049 之间来回弹跳，|梯度| = 9.8，而损失几乎不动；极小的 lr 能停止弹跳，却沿 x 方向爬行。自适应方法（Adagrad、RMSProp、Adam）沿着谷底快速前进，但只有 Adam 停在最小值上：RMSProp 和 Adagrad 一直在谷底两侧来回跳（课程 P5）。</translation>
    </message>
    <message>
        <source>Linear regression, unscaled or standardized feature</source>
        <translation>线性回归：未缩放或标准化的特征</translation>
    </message>
    <message>
        <source>The loss (mean squared error) of the linear model prediction = w * x + b on synthetic data (50 points by default), as a function of the weight w (across) and the bias b (up). This is the Q&amp;A asker&apos;s case: the feature is not scaled (values up to feature_scale = 100), so the loss is a bowl more than 10,000 times more curved along w than along b, with largest curvature lambda_max of about 7,000. Gradient descent is stable only while lr * lambda_max &lt; 2: with lr 0.001 every step overshoots further, and the loss climbs from thousands through 10^12 to overflow (inf/NaN) within a few hundred steps; with lr 0.0001 it goes down. Switch on standardize (feature rescaled to mean 0 and standard deviation 1) and the bowl becomes round with curvature 2: both learning rates converge.</source>
        <translation>在合成数据（默认 50 个点）上，线性模型 预测 = w * x + b 的损失（均方误差），画成权重 w（横轴）和偏置 b（纵轴）的函数。这正是问答中提问者的情况：特征未经缩放（数值可达 feature_scale = 100），所以损失是一个沿 w 方向比沿 b 方向弯曲 10,000 倍以上的碗，最大曲率 lambda_max 约为 7,000。只有当 lr * lambda_max &lt; 2 时梯度下降才稳定：lr 0.001 时每一步都冲得更远，损失在几百步内从几千经过 10^12 一路涨到溢出（inf/NaN）；lr 0.0001 时损失下降。打开 standardize（把特征重新缩放为均值 0、标准差 1），碗就变成曲率为 2 的圆碗：两个学习率都收敛。</translation>
    </message>
    <message>
        <source>Tiny neural network: loss over two weights</source>
        <translation>小型神经网络：关于两个权重的损失</translation>
    </message>
    <message>
        <source>The training loss (mean squared error on 8 data points) of a tiny network, out = v1 act(w1 x + b1) + v2 act(w2 x + b2) + c, as a function of two of its weights; the others are fixed at the values that made the data, so the loss is 0 where the two free weights are right. With ReLU the surface is creased (its gradient jumps where a unit switches on or off for some data point), and where a unit is off for every data point it is dead: the gradient is exactly zero, and a start there never moves (the lower wedge of the default view). ELU and softplus round the creases off; tanh and sigmoid saturate, leaving wide flat plateaus where the loss is high but the gradient is nearly zero, so descent stalls (vanishing gradients). Convention at the kink: ReLU&apos;(0) = 0.</source>
        <translation>一个小网络 out = v1 act(w1 x + b1) + v2 act(w2 x + b2) + c 的训练损失（8 个数据点上的均方误差），画成其中两个权重的函数；其余权重固定在生成数据所用的值上，所以两个自由权重取对时损失为 0。用 ReLU 时曲面有折痕（某个单元对某个数据点开启或关闭的地方梯度会跳变），而单元对所有数据点都关闭的地方，它就死了：梯度恰好为零，从那里出发的点永远不动（默认视图下方的楔形区域）。ELU 和 softplus 把折痕磨圆；tanh 和 sigmoid 会饱和，留下宽阔平坦的平台，那里损失很高而梯度几乎为零，下降就停滞了（梯度消失）。折点处的约定：ReLU&apos;(0) = 0。</translation>
    </message>
    <message>
        <source>Your formula</source>
        <translation>你的公式</translation>
    </message>
    <message>
        <source>Type any f(x, y): numbers, x, y, pi, e, + - * / ^ and functions such as sin, exp, log, sqrt, abs, tanh, sigmoid, softplus, relu, min and max. The gradient and the Hessian are worked out exactly (symbolically), so the optimizers see the true slopes. Where the formula is undefined (log of a negative number, say) the surface has a hole, and a run that steps into it stops.</source>
        <translation>输入任意 f(x, y)：数字、x、y、pi、e、+ - * / ^ 以及 sin、exp、log、sqrt、abs、tanh、sigmoid、softplus、relu、min 和 max 等函数。梯度和海森矩阵是（符号地）精确求出的，所以优化器看到的是真实的坡度。公式无定义的地方（比如负数的 log），曲面上会有一个洞，走进去的运行会停止。</translation>
    </message>
</context>
<context>
    <name>tabs</name>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>稳定性图</translation>
    </message>
    <message>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <source>Network lab</source>
        <translation>网络实验室</translation>
    </message>
    <message>
        <source>LR range</source>
        <translation>学习率范围</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>逐步</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>控制</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
</TS>
