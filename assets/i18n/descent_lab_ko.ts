<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AnalysisPanel</name>
    <message>
        <source>Goh, &quot;Why Momentum Really Works&quot; (Distill, 2017): on a quadratic with eigenvalues lambda1 &lt;= lambda2, heavy-ball momentum converges fastest with lr = (2 / (sqrt(lambda1) + sqrt(lambda2)))^2 and momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2, kappa = lambda2 / lambda1.

Descent Lab uses torch&apos;s (and Goh&apos;s) convention
    z = beta * z + grad;  w = w - alpha * z
(alpha = lr, beta = momentum), not Sutskever&apos;s v = mu * v - lr * g; w = w + v. The two take the same steps while lr is constant, but differ once a schedule changes lr: Sutskever&apos;s velocity keeps the old steps scaled by the old lr.</source>
        <translation>Goh, &quot;Why Momentum Really Works&quot; (Distill, 2017): 고유값이 lambda1 &lt;= lambda2인 이차 함수에서 헤비볼 모멘텀은 lr = (2 / (sqrt(lambda1) + sqrt(lambda2)))^2, momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2, kappa = lambda2 / lambda1일 때 가장 빨리 수렴합니다.

Descent Lab은 torch(와 Goh)의 규칙을 씁니다
    z = beta * z + grad;  w = w - alpha * z
(alpha = lr, beta = momentum). Sutskever의 v = mu * v - lr * g; w = w + v가 아닙니다. 두 방식은 lr이 일정하면 같은 걸음을 걷지만, 스케줄이 lr을 바꾸면 달라집니다. Sutskever의 속도는 지난 걸음들을 지난 lr로 스케일한 채 간직합니다.</translation>
    </message>
    <message>
        <source>actual change in the run</source>
        <translation>실행에서의 실제 변화</translation>
    </message>
    <message>
        <source>The effective step is not known at this step yet.</source>
        <translation>이 단계의 실효 걸음은 아직 알 수 없습니다.</translation>
    </message>
    <message>
        <source>lr/σ per coordinate ({p0}, {p1})</source>
        <translation>좌표별 lr/σ ({p0}, {p1})</translation>
    </message>
    <message>
        <source>; the momentum {mu} acts as heavy ball with step {scale} × that</source>
        <translation>; 모멘텀 {mu}는 그 {scale}배 걸음의 헤비볼처럼 작동합니다</translation>
    </message>
    <message>
        <source>; with momentum {mu} (heavy ball)</source>
        <translation>; 모멘텀 {mu} (헤비볼)</translation>
    </message>
    <message>
        <source>{steps}: the largest curvature in those units, λ_max(diag(lr/σ)·H), is {lam}{how}. {a} against the limit {limit}: {verdict} (σ taken as frozen at this step).</source>
        <translation>{steps}: 이 단위로 잰 가장 큰 곡률 λ_max(diag(lr/σ)·H)는 {lam}{how}. 한계 {limit}에 대해 {a}: {verdict} (σ는 이 단계의 값으로 고정했다고 봄).</translation>
    </message>
    <message>
        <source>this start point is not a valid point of the surface (its loss is not a finite number)</source>
        <translation>이 시작점은 곡면의 올바른 점이 아닙니다 (손실이 유한한 수가 아님)</translation>
    </message>
    <message>
        <source>The run blew up at step {d}: the numbers are for its last good point, step {d2}.</source>
        <translation>이 실행은 단계 {d}에서 폭발했습니다: 수치는 마지막으로 멀쩡했던 점, 단계 {d2}의 것입니다.</translation>
    </message>
    <message>
        <source>Step {k} is the end of the run: the next step is one beyond it, with the last learning rate.</source>
        <translation>단계 {k}는 실행의 끝입니다: 다음 걸음은 그 너머의 한 걸음이며, 마지막 학습률을 씁니다.</translation>
    </message>
    <message>
        <source>actual: the run&apos;s step {k} → {k2}</source>
        <translation>실제: 실행의 단계 {k} → {k2}</translation>
    </message>
    <message>
        <source>actual f(p − εg) − f(p)</source>
        <translation>실제 f(p − εg) − f(p)</translation>
    </message>
    <message>
        <source>GD step ε = lr = {lr}</source>
        <translation>GD 걸음 ε = lr = {lr}</translation>
    </message>
    <message>
        <source>this racer&apos;s step {k} → {k2}</source>
        <translation>이 경주자의 단계 {k} → {k2}</translation>
    </message>
    <message>
        <source>The effective step is not computed yet.</source>
        <translation>실효 걸음은 아직 계산되지 않았습니다.</translation>
    </message>
    <message>
        <source>{title} does not step by lr times the gradient, so no lr · λ_max limit applies: its steps come from its own rule (see Step mode).</source>
        <translation>{title}은(는) lr × 기울기로 걷지 않으므로 lr · λ_max 한계가 적용되지 않습니다. 걸음은 자기 규칙에서 나옵니다 (단계 설명 모드 참고).</translation>
    </message>
    <message>
        <source>limit {limit}</source>
        <translation>한계 {limit}</translation>
    </message>
    <message>
        <source>each step moves toward the minimum without overshooting</source>
        <translation>걸음마다 지나치지 않고 최솟값 쪽으로 갑니다</translation>
    </message>
    <message>
        <source>converges, spiralling in</source>
        <translation>나선을 그리며 수렴합니다</translation>
    </message>
    <message>
        <source>converges, but bounces from wall to wall across the valley</source>
        <translation>수렴하지만, 골짜기를 가로질러 벽에서 벽으로 튕깁니다</translation>
    </message>
    <message>
        <source>bounces between the walls forever, neither growing nor shrinking</source>
        <translation>커지지도 줄지도 않고 벽 사이를 영원히 튕깁니다</translation>
    </message>
    <message>
        <source>overshoots more than it corrects: every bounce is larger, the loss blows up</source>
        <translation>바로잡는 것보다 더 지나칩니다: 튕길 때마다 커지고 손실이 폭발합니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;Analysis&lt;/b&gt;</source>
        <translation>&lt;b&gt;분석&lt;/b&gt;</translation>
    </message>
    <message>
        <source>start point</source>
        <translation>시작점</translation>
    </message>
    <message>
        <source>Stability</source>
        <translation>안정성</translation>
    </message>
    <message>
        <source>Curvature (Hessian)</source>
        <translation>곡률 (헤시안)</translation>
    </message>
    <message>
        <source>eigenvectors on the plot</source>
        <translation>그림에 고유벡터 표시</translation>
    </message>
    <message>
        <source>Two axes through the point along the Hessian&apos;s eigenvectors, half-lengths proportional to 1/sqrt(|lambda|) (the shape of the contour ellipse there); colour: curves up (lambda &gt; 0), curves down (lambda &lt; 0).</source>
        <translation>점을 지나 헤시안의 고유벡터 방향으로 그은 두 축. 반길이는 1/sqrt(|lambda|)에 비례합니다 (그곳 등고선 타원의 모양). 색: 위로 휨 (lambda &gt; 0), 아래로 휨 (lambda &lt; 0).</translation>
    </message>
    <message>
        <source>Next step: Taylor</source>
        <translation>다음 걸음: 테일러 전개</translation>
    </message>
    <message>
        <source>&lt;b&gt;GD step&lt;/b&gt;</source>
        <translation>&lt;b&gt;GD 걸음&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;racer&lt;/b&gt;</source>
        <translation>&lt;b&gt;경주자&lt;/b&gt;</translation>
    </message>
    <message>
        <source>1st order</source>
        <translation>1차 항</translation>
    </message>
    <message>
        <source>2nd order</source>
        <translation>2차 항</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>합</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>실제</translation>
    </message>
    <message>
        <source>1st</source>
        <translation>1차</translation>
    </message>
    <message>
        <source>2nd</source>
        <translation>2차</translation>
    </message>
    <message>
        <source>Effective step lr/σ</source>
        <translation>실효 걸음 lr/σ</translation>
    </message>
    <message>
        <source>lr / σ of each update</source>
        <translation>업데이트마다의 lr / σ</translation>
    </message>
    <message>
        <source>lr/σ</source>
        <translation>lr/σ</translation>
    </message>
    <message>
        <source>update k → k+1</source>
        <translation>업데이트 k → k+1</translation>
    </message>
    <message>
        <source>{swatch_coord_colors} x &amp;nbsp; {swatch_coord_colors2} y &amp;nbsp; (one start point; computed once per run)</source>
        <translation>{swatch_coord_colors} x &amp;nbsp; {swatch_coord_colors2} y &amp;nbsp; (시작점 하나; 실행마다 한 번 계산)</translation>
    </message>
    <message>
        <source>Optimal values</source>
        <translation>최적값</translation>
    </message>
    <message>
        <source>GD: lr = 2/(λ1+λ2)</source>
        <translation>GD: lr = 2/(λ1+λ2)</translation>
    </message>
    <message>
        <source>Heavy ball (Goh): lr, momentum</source>
        <translation>헤비볼 (Goh): lr, 모멘텀</translation>
    </message>
    <message>
        <source>Set the selected racer to plain gradient descent with lr = 2 / (lambda1 + lambda2): both axes then shrink by the same factor (kappa - 1) / (kappa + 1) per step, the best a constant lr can do.</source>
        <translation>선택한 경주자를 lr = 2 / (lambda1 + lambda2)의 기본 경사 하강법으로 바꿉니다. 그러면 두 축 모두 걸음마다 같은 비율 (kappa - 1) / (kappa + 1)로 줄어듭니다. 고정 학습률로 할 수 있는 최선입니다.</translation>
    </message>
    <message>
        <source>No racer.</source>
        <translation>경주자가 없습니다.</translation>
    </message>
    <message>
        <source>No start point yet: click the plot to add one.</source>
        <translation>아직 시작점이 없습니다: 그림을 클릭해 추가하세요.</translation>
    </message>
    <message>
        <source>The selected racer is disabled: enable it, or select another racer, to see its curvature and stability.</source>
        <translation>선택한 경주자가 꺼져 있습니다: 곡률과 안정성을 보려면 켜거나 다른 경주자를 고르세요.</translation>
    </message>
    <message>
        <source>Cannot analyse this point: {err}</source>
        <translation>이 점은 분석할 수 없습니다: {err}</translation>
    </message>
    <message>
        <source> · start {r_start_index} of {n_starts}</source>
        <translation> · 시작점 {n_starts}개 중 {r_start_index}번째</translation>
    </message>
    <message>
        <source>step {step} of {steps}{start} · point ({point0}, {point1}) · loss {loss} · |g| {gradient_norm}</source>
        <translation>단계 {step} / {steps}{start} · 점 ({point0}, {point1}) · 손실 {loss} · |g| {gradient_norm}</translation>
    </message>
    <message>
        <source>No lr · λ limit</source>
        <translation>lr · λ 한계 없음</translation>
    </message>
    <message>
        <source>(a plain GD step with this lr: lr · λ_max = {lr} × {lambda_max} = {lr_lambda_max})</source>
        <translation>(이 lr로 기본 GD 걸음을 걷는다면: lr · λ_max = {lr} × {lambda_max} = {lr_lambda_max})</translation>
    </message>
    <message>
        <source>λ_max(diag(lr/σ)·H) = {preconditioned_lambda_max} → &lt;b&gt;{a}&lt;/b&gt; against the limit &lt;b&gt;{limit}&lt;/b&gt;&lt;br&gt;(a plain GD step with this lr: lr · λ_max = {lr} × {lambda_max} = {lr_lambda_max})</source>
        <translation>λ_max(diag(lr/σ)·H) = {preconditioned_lambda_max} → &lt;b&gt;{a}&lt;/b&gt;, 한계 &lt;b&gt;{limit}&lt;/b&gt;와 비교&lt;br&gt;(이 lr로 기본 GD 걸음을 걷는다면: lr · λ_max = {lr} × {lambda_max} = {lr_lambda_max})</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>네스테로프</translation>
    </message>
    <message>
        <source>heavy ball</source>
        <translation>헤비볼</translation>
    </message>
    <message>
        <source>limit 2(1 + μ)/(1 + 2μ) = {limit} ({name}, μ = {momentum})</source>
        <translation>한계 2(1 + μ)/(1 + 2μ) = {limit} ({name}, μ = {momentum})</translation>
    </message>
    <message>
        <source>limit 2 + 2·momentum = {limit} ({name}, momentum {momentum})</source>
        <translation>한계 2 + 2·모멘텀 = {limit} ({name}, 모멘텀 {momentum})</translation>
    </message>
    <message>
        <source>limit 2 (gradient descent)</source>
        <translation>한계 2 (경사 하강법)</translation>
    </message>
    <message>
        <source>lr · λ_max = {lr} × {lambda_max} = &lt;b&gt;{lr_lambda_max}&lt;/b&gt; &amp;nbsp;vs&amp;nbsp; {rule}&lt;br&gt;largest stable lr here: &lt;b&gt;{max_stable_lr}&lt;/b&gt;</source>
        <translation>lr · λ_max = {lr} × {lambda_max} = &lt;b&gt;{lr_lambda_max}&lt;/b&gt; &amp;nbsp;대&amp;nbsp; {rule}&lt;br&gt;여기서 안정한 가장 큰 lr: &lt;b&gt;{max_stable_lr}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>along eigenvector ({x}, {y})</source>
        <translation>고유벡터 ({x}, {y}) 방향</translation>
    </message>
    <message>
        <source>condition number&lt;br&gt;κ = max|λ|/min|λ| = &lt;b&gt;{condition_number}&lt;/b&gt;</source>
        <translation>조건수&lt;br&gt;κ = max|λ|/min|λ| = &lt;b&gt;{condition_number}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>convex here: curves up in every direction</source>
        <translation>여기서 볼록: 모든 방향으로 위로 휩니다</translation>
    </message>
    <message>
        <source>flat along one axis (an eigenvalue is 0)</source>
        <translation>한 축을 따라 평평함 (고유값 하나가 0)</translation>
    </message>
    <message>
        <source>a saddle: curves up one way, down the other</source>
        <translation>안장: 한쪽으로는 위로, 다른 쪽으로는 아래로 휩니다</translation>
    </message>
    <message>
        <source>a hilltop or ridge: curves down</source>
        <translation>언덕 꼭대기나 능선: 아래로 휩니다</translation>
    </message>
    <message>
        <source>the Hessian is not a finite number here</source>
        <translation>여기서 헤시안이 유한한 수가 아닙니다</translation>
    </message>
    <message>
        <source>the run&apos;s own next step</source>
        <translation>실행 자신의 다음 걸음</translation>
    </message>
    <message>
        <source>one step beyond the run</source>
        <translation>실행 너머의 한 걸음</translation>
    </message>
    <message>
        <source>For a GD step of size ε = lr(t) = &lt;b&gt;{lr}&lt;/b&gt; from this point ({where}): Δloss ≈ −ε gᵀg (1st order) + ε²/2 gᵀHg (2nd order).</source>
        <translation>이 점에서 크기 ε = lr(t) = &lt;b&gt;{lr}&lt;/b&gt;의 GD 걸음 ({where}): Δloss ≈ −ε gᵀg (1차 항) + ε²/2 gᵀHg (2차 항).</translation>
    </message>
    <message>
        <source>GD: a plain gradient step of size ε = lr(t) = &lt;b&gt;{lr}&lt;/b&gt; from this point, Δloss ≈ −ε gᵀg (1st order) + ε²/2 gᵀHg (2nd order). Racer: the same terms gᵀd and dᵀHd/2 along this racer&apos;s own next move d (from the run).</source>
        <translation>GD: 이 점에서 크기 ε = lr(t) = &lt;b&gt;{lr}&lt;/b&gt;의 기본 경사 걸음, Δloss ≈ −ε gᵀg (1차 항) + ε²/2 gᵀHg (2차 항). 경주자: 이 경주자 자신의 다음 이동 d (실행에서)를 따라 잰 같은 항 gᵀd와 dᵀHd/2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;GD, ε={lr}&lt;/b&gt;</source>
        <translation>&lt;b&gt;GD, ε={lr}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;GD&lt;/b&gt;</source>
        <translation>&lt;b&gt;GD&lt;/b&gt;</translation>
    </message>
    <message>
        <source>blew up</source>
        <translation>폭발</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color: {color}&quot;&gt;&lt;b&gt;The curvature term wins&lt;/b&gt;&lt;/span&gt;: this step is predicted to &lt;b&gt;raise&lt;/b&gt; the loss.</source>
        <translation>&lt;span style=&quot;color: {color}&quot;&gt;&lt;b&gt;곡률 항이 이깁니다&lt;/b&gt;&lt;/span&gt;: 이 걸음은 손실을 &lt;b&gt;올릴&lt;/b&gt; 것으로 예측됩니다.</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color: {verdict_colors_verdict_stable}&quot;&gt;&lt;b&gt;The first-order term wins&lt;/b&gt;&lt;/span&gt;: the step is predicted to lower the loss.</source>
        <translation>&lt;span style=&quot;color: {verdict_colors_verdict_stable}&quot;&gt;&lt;b&gt;1차 항이 이깁니다&lt;/b&gt;&lt;/span&gt;: 이 걸음은 손실을 낮출 것으로 예측됩니다.</translation>
    </message>
    <message>
        <source>The gradient is zero here: no first-order change.</source>
        <translation>여기서 기울기가 0입니다: 1차 변화가 없습니다.</translation>
    </message>
    <message>
        <source> Break-even step 2gᵀg/gᵀHg = {break_even_eps}; best step gᵀg/gᵀHg = {best_eps}.</source>
        <translation> 손익분기 걸음 2gᵀg/gᵀHg = {break_even_eps}; 최선의 걸음 gᵀg/gᵀHg = {best_eps}.</translation>
    </message>
    <message>
        <source> Along -g the surface does not curve up: no step is too long here.</source>
        <translation> -g 방향으로 곡면이 위로 휘지 않습니다: 여기서는 너무 긴 걸음이 없습니다.</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>아직 모름</translation>
    </message>
    <message>
        <source>next update ({point_step} → {r_point_step}): {swatch_coord_colors} x: &lt;b&gt;{e0}&lt;/b&gt; &amp;nbsp; {swatch_coord_colors2} y: &lt;b&gt;{e1}&lt;/b&gt;</source>
        <translation>다음 업데이트 ({point_step} → {r_point_step}): {swatch_coord_colors} x: &lt;b&gt;{e0}&lt;/b&gt; &amp;nbsp; {swatch_coord_colors2} y: &lt;b&gt;{e1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>λ1 = {lambda_min}, λ2 = {lambda_max}, κ = {condition_number}. Set the selected racer to GD with lr = 2/(λ1+λ2) (the error shrinks by {gd_rate} per step), or to heavy-ball momentum with Goh&apos;s lr = (2/(√λ1+√λ2))² and momentum = ((√κ−1)/(√κ+1))² (by {momentum_rate} per step; hover for the convention).</source>
        <translation>λ1 = {lambda_min}, λ2 = {lambda_max}, κ = {condition_number}. 선택한 경주자를 lr = 2/(λ1+λ2)의 GD (오차가 걸음마다 {gd_rate}배로 줄어듦)로, 또는 Goh의 lr = (2/(√λ1+√λ2))², 모멘텀 = ((√κ−1)/(√κ+1))²의 헤비볼 모멘텀 (걸음마다 {momentum_rate}배; 규칙은 마우스를 올려 보세요)으로 바꾸세요.</translation>
    </message>
    <message>
        <source>GD: lr {gd_lr}</source>
        <translation>GD: lr {gd_lr}</translation>
    </message>
    <message>
        <source>Goh: lr {momentum_lr}, μ {momentum}</source>
        <translation>Goh: lr {momentum_lr}, μ {momentum}</translation>
    </message>
</context>
<context>
    <name>ComputeProgress</name>
    <message>
        <source>computing paths</source>
        <translation>경로 계산 중</translation>
    </message>
    <message>
        <source>stop computing: the paths keep what is computed so far</source>
        <translation>계산 멈춤: 경로는 지금까지 계산한 만큼 남습니다</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <source>learning rate at each step: lr x schedule(step); the line marks the playhead</source>
        <translation>단계마다의 학습률: lr x schedule(step); 세로선은 재생 위치</translation>
    </message>
    <message>
        <source>lr: —</source>
        <translation>lr: —</translation>
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
        <translation>곡면</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>단계 수</translation>
    </message>
    <message>
        <source>gradient noise σ</source>
        <translation>기울기 잡음 σ</translation>
    </message>
    <message>
        <source>noise seed</source>
        <translation>잡음 시드</translation>
    </message>
    <message>
        <source>playback speed: how many steps the animation shows per second</source>
        <translation>재생 속도: 애니메이션이 1초에 보여 주는 단계 수</translation>
    </message>
    <message>
        <source>{v} steps/s</source>
        <translation>초당 {v} 단계</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>Clear starts</source>
        <translation>시작점 지우기</translation>
    </message>
    <message>
        <source>remove every start point</source>
        <translation>모든 시작점 지우기</translation>
    </message>
    <message>
        <source>Click the plot to add a start point, drag one to move it, right-click (or Shift+click) it to remove it.</source>
        <translation>그림을 클릭하면 시작점이 추가되고, 끌면 옮겨지며, 오른쪽 클릭(또는 Shift+클릭)하면 지워집니다.</translation>
    </message>
    <message>
        <source>{n} start point{s_n}</source>
        <translation>시작점 {n}개</translation>
    </message>
    <message>
        <source>colour of this racer&apos;s path and curves</source>
        <translation>이 경주자의 경로와 곡선 색</translation>
    </message>
    <message>
        <source>name shown in the legend (empty: &quot;{{optimizer}}, lr {{lr}}&quot;); fields in braces such as {{lr}}, {{momentum}}, {{noise}}, {{schedule}} or {{lr_lambda_max}} follow the current values, text without braces stays as typed</source>
        <translation>범례에 보이는 이름 (비우면: &quot;{{optimizer}}, lr {{lr}}&quot;); {{lr}}, {{momentum}}, {{noise}}, {{schedule}}, {{lr_lambda_max}}처럼 중괄호 안의 항목은 현재 값을 따르고, 중괄호 밖의 글자는 입력한 그대로 남습니다</translation>
    </message>
    <message>
        <source>run this racer</source>
        <translation>이 경주자 실행</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>duplicate this racer; the arrow: lr × 1/2, lr × 2, or a sweep of N copies over an lr range</source>
        <translation>이 경주자를 복제합니다. 화살표: lr × 1/2, lr × 2, 또는 lr 범위에 걸친 N개 복제본</translation>
    </message>
    <message>
        <source>remove this racer</source>
        <translation>이 경주자 지우기</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>real mini-batches: each step uses the mean gradient of this many examples, drawn without replacement within an epoch (seeded by the noise seed); full: every example, the exact gradient</source>
        <translation>진짜 미니배치: 걸음마다 이만큼의 예제에서 평균 기울기를 씁니다. 한 에포크 안에서 비복원 추출 (잡음 시드로 정해짐); full: 모든 예제, 정확한 기울기</translation>
    </message>
    <message>
        <source>full</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>own noise σ</source>
        <translation>자체 잡음 σ</translation>
    </message>
    <message>
        <source>this racer&apos;s own gradient noise g + σ N(0, I), e.g. SGD beside full-batch descent (lesson P3); empty: the run&apos;s noise (Run panel), 0: none</source>
        <translation>이 경주자만의 기울기 잡음 g + σ N(0, I), 예: 전체 배치 하강 옆의 SGD (단원 P3); 비우면: 실행의 잡음 (실행 패널), 0: 없음</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>스케줄</translation>
    </message>
    <message>
        <source>how the learning rate changes over the steps (with warm-up)</source>
        <translation>단계에 따라 학습률이 어떻게 바뀌는지 (워밍업 포함)</translation>
    </message>
    <message>
        <source>factor = {formula}</source>
        <translation>배율 = {formula}</translation>
    </message>
    <message>
        <source>Racer colour</source>
        <translation>경주자 색</translation>
    </message>
    <message>
        <source>noise σ: expected a number, got {text!r}</source>
        <translation>잡음 σ: 수가 필요한데 {text!r}을(를) 받았습니다</translation>
    </message>
    <message>
        <source>the run&apos;s: {run_sigma}</source>
        <translation>실행의 값: {run_sigma}</translation>
    </message>
    <message>
        <source>optimizer: {title}
{summary}</source>
        <translation>옵티마이저: {title}
{summary}</translation>
    </message>
    <message>
        <source>learning-rate schedule: {title}
lr factor = {formula}</source>
        <translation>학습률 스케줄: {title}
lr 배율 = {formula}</translation>
    </message>
    <message>
        <source>Racers</source>
        <translation>경주자</translation>
    </message>
    <message>
        <source>+ Add racer</source>
        <translation>+ 경주자 추가</translation>
    </message>
    <message>
        <source>add another optimizer to the race</source>
        <translation>경주에 옵티마이저를 하나 더 추가</translation>
    </message>
    <message>
        <source>Your optimizer…</source>
        <translation>나만의 옵티마이저…</translation>
    </message>
    <message>
        <source>write an optimizer as update rules (g, p, t, lr and your hyperparameters) and race it</source>
        <translation>옵티마이저를 업데이트 규칙 (g, p, t, lr과 직접 정한 하이퍼파라미터)으로 작성해 경주시키기</translation>
    </message>
</context>
<context>
    <name>CopyMenu</name>
    <message>
        <source>Learning-rate sweep</source>
        <translation>학습률 훑기</translation>
    </message>
    <message>
        <source>lr from</source>
        <translation>lr 범위</translation>
    </message>
    <message>
        <source>Copies of {racer_display_label}, learning rates evenly spaced on a log scale:</source>
        <translation>{racer_display_label}의 복제본, 학습률은 로그 눈금에서 고르게 배치:</translation>
    </message>
    <message>
        <source>the same racer again, in a new colour</source>
        <translation>같은 경주자를 새 색으로 하나 더</translation>
    </message>
    <message>
        <source>Copy with lr × 1/2</source>
        <translation>lr × 1/2로 복제</translation>
    </message>
    <message>
        <source>Copy with lr × 2</source>
        <translation>lr × 2로 복제</translation>
    </message>
    <message>
        <source>Sweep: N copies over a range…</source>
        <translation>훑기: 범위에 걸친 N개 복제…</translation>
    </message>
    <message>
        <source>copies whose learning rates are spread evenly on a log scale, each in its own colour and labelled with its lr</source>
        <translation>학습률이 로그 눈금에서 고르게 퍼진 복제본들, 각자 고유한 색과 자기 lr 이름표</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>PNG snapshot of the current frame</source>
        <translation>현재 프레임의 PNG 스냅숏</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>사용자 지정</translation>
    </message>
    <message>
        <source>from</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>to</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>every</source>
        <translation>간격</translation>
    </message>
    <message>
        <source>Include the readouts (loss and |gradient| versus step)</source>
        <translation>판독 그래프 포함 (단계별 손실과 |기울기|)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>초당 프레임 수</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>step {step} (the current frame), {w}×{h}</source>
        <translation>단계 {step} (현재 프레임), {w}×{h}</translation>
    </message>
    <message>
        <source>{n} PNG files, {w}×{h}</source>
        <translation>PNG 파일 {n}개, {w}×{h}</translation>
    </message>
    <message>
        <source>{n} frames, {seconds} s at {fps} fps, {w}×{h}</source>
        <translation>{n} 프레임, {fps} fps로 {seconds}초, {w}×{h}</translation>
    </message>
    <message>
        <source>choose where to export to</source>
        <translation>내보낼 위치를 고르세요</translation>
    </message>
    <message>
        <source>{path}: the name does not match the chosen kind ({kind}); use {suffix}</source>
        <translation>{path}: 이름이 고른 형식({kind})과 맞지 않습니다. {suffix}를 쓰세요</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>PNG 프레임을 저장할 폴더</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>내보낼 위치</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>바꿀까요?</translation>
    </message>
    <message>
        <source>{path} already exists.
Replace it?</source>
        <translation>{path}이(가) 이미 있습니다.
바꿀까요?</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>{name} 내보내는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>{path}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>내보내기를 취소했습니다. 아무것도 저장하지 않았습니다</translation>
    </message>
    <message>
        <source>Export trajectory data</source>
        <translation>궤적 데이터 내보내기</translation>
    </message>
    <message>
        <source>Cannot export trajectory data</source>
        <translation>궤적 데이터를 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>save the plot as PNG, a PNG sequence, an animated GIF or MP4</source>
        <translation>그림을 PNG, PNG 연속 이미지, 움직이는 GIF 또는 MP4로 저장합니다</translation>
    </message>
    <message>
        <source>Export &amp;trajectory data…</source>
        <translation>궤적 데이터 내보내기(&amp;T)…</translation>
    </message>
    <message>
        <source>save every racer&apos;s points, loss, |g|, lr as JSON or CSV</source>
        <translation>모든 경주자의 점, 손실, |g|, lr을 JSON 또는 CSV로 저장합니다</translation>
    </message>
</context>
<context>
    <name>FigureExport</name>
    <message>
        <source>Export &amp;figure (SVG/PDF)…</source>
        <translation>그림 내보내기(&amp;F) (SVG/PDF)…</translation>
    </message>
    <message>
        <source>the surface with every path, its colour bar and the readouts, as a vector figure for slides or a paper</source>
        <translation>모든 경로, 색 막대, 판독 그래프가 있는 곡면을 슬라이드나 논문용 벡터 그림으로</translation>
    </message>
    <message>
        <source>Export small &amp;multiples (SVG/PDF)…</source>
        <translation>작은 그림 여러 개 내보내기(&amp;M) (SVG/PDF)…</translation>
    </message>
    <message>
        <source>one panel per learning rate or optimizer, one colour scale, captions from the racers&apos; parameters</source>
        <translation>학습률이나 옵티마이저마다 패널 하나, 색 눈금 하나, 경주자의 매개변수로 만든 설명</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>그림 내보내기</translation>
    </message>
    <message>
        <source>Small multiples</source>
        <translation>작은 그림 여러 개</translation>
    </message>
    <message>
        <source>One panel per value: lr=A,B,... (every racer at each lr) or optimizer=gd,adam,... (the first racer as each optimizer)</source>
        <translation>값마다 패널 하나: lr=A,B,... (lr마다 모든 경주자) 또는 optimizer=gd,adam,... (첫 경주자를 각 옵티마이저로)</translation>
    </message>
    <message>
        <source>Export small multiples</source>
        <translation>작은 그림 여러 개 내보내기</translation>
    </message>
    <message>
        <source>Small multiples: {err}</source>
        <translation>작은 그림 여러 개: {err}</translation>
    </message>
    <message>
        <source>Drawing the {what}…</source>
        <translation>{what} 그리는 중…</translation>
    </message>
    <message>
        <source>Drawing the {what}… {f:.0%}</source>
        <translation>{what} 그리는 중… {f:.0%}</translation>
    </message>
    <message>
        <source>Wrote {path} ({what})</source>
        <translation>{path}에 저장함 ({what})</translation>
    </message>
    <message>
        <source>Figure not written: {err}</source>
        <translation>그림을 저장하지 못함: {err}</translation>
    </message>
</context>
<context>
    <name>FormulaField</name>
    <message>
        <source>a narrow valley: one direction 10x steeper</source>
        <translation>좁은 골짜기: 한 방향이 10배 가파름</translation>
    </message>
    <message>
        <source>a kink along x = 0: the gradient jumps</source>
        <translation>x = 0을 따라 꺾임: 기울기가 뜀</translation>
    </message>
    <message>
        <source>softplus slope along a wavy valley</source>
        <translation>물결치는 골짜기를 따라 softplus 경사</translation>
    </message>
    <message>
        <source>Rosenbrock&apos;s banana: a curved, flat-bottomed valley</source>
        <translation>로젠브록의 바나나: 휘고 바닥이 평평한 골짜기</translation>
    </message>
    <message>
        <source>flat for x &lt; 0: no gradient in x there</source>
        <translation>x &lt; 0에서 평평함: 거기서는 x 방향 기울기가 없음</translation>
    </message>
    <message>
        <source>two minima: where you start decides where you end</source>
        <translation>최솟값 두 개: 어디서 출발하느냐가 어디서 끝나는지를 정함</translation>
    </message>
    <message>
        <source>bumpy: many local minima</source>
        <translation>울퉁불퉁: 지역 최솟값이 많음</translation>
    </message>
    <message>
        <source>a hole: log is undefined for x &lt;= -2 (a run falling in stops)</source>
        <translation>구멍: x &lt;= -2에서 log가 정의되지 않음 (빠진 실행은 멈춤)</translation>
    </message>
    <message>
        <source>&lt;b&gt;f(x, y)&lt;/b&gt;: {param_doc}&lt;br&gt;numbers, x, y, pi, e, + - * / ^ ( ) and sin cos tan exp log sqrt abs tanh sigmoid softplus relu elu min max ...&lt;br&gt;&lt;i&gt;applied as you type (Enter: at once); Esc restores the last valid formula&lt;/i&gt;</source>
        <translation>&lt;b&gt;f(x, y)&lt;/b&gt;: {param_doc}&lt;br&gt;숫자, x, y, pi, e, + - * / ^ ( ) 그리고 sin cos tan exp log sqrt abs tanh sigmoid softplus relu elu min max ...&lt;br&gt;&lt;i&gt;입력하는 대로 적용 (Enter: 즉시); Esc는 마지막으로 올바른 수식으로 되돌림&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>예시</translation>
    </message>
    <message>
        <source>put an example formula in the field</source>
        <translation>예시 수식을 입력란에 넣기</translation>
    </message>
    <message>
        <source>The plot keeps the last valid formula (Esc restores it).</source>
        <translation>그림은 마지막으로 올바른 수식을 유지합니다 (Esc로 되돌림).</translation>
    </message>
    <message>
        <source>compiling f(x, y) and its derivatives… (the plot keeps the last valid formula meanwhile)</source>
        <translation>f(x, y)와 그 도함수를 컴파일하는 중… (그동안 그림은 마지막으로 올바른 수식을 유지)</translation>
    </message>
    <message>
        <source>formula too long: the pasted text was cut at {edit_maxlength:,} characters (a formula has at most {max_length:,})</source>
        <translation>수식이 너무 깁니다: 붙여 넣은 텍스트를 {edit_maxlength:,}자에서 잘랐습니다 (수식은 최대 {max_length:,}자)</translation>
    </message>
</context>
<context>
    <name>HoverOverlay</name>
    <message>
        <source>Hover preview</source>
        <translation>마우스 올려 미리 보기</translation>
    </message>
    <message>
        <source>with a racer selected, its path from the point under the mouse follows the cursor (dashed); click to keep the point as a start</source>
        <translation>경주자를 선택해 두면, 마우스 아래 점에서 출발하는 그 경주자의 경로가 커서를 따라 점선으로 그려집니다. 클릭하면 그 점을 시작점으로 남깁니다</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No font for Korean and Chinese characters was found, so they may show as boxes. Install one, e.g. &apos;sudo apt install fonts-noto-cjk&apos; (or fonts-wqy-microhei).</source>
        <translation>한글과 한자를 표시할 글꼴을 찾지 못해 글자가 네모로 보일 수 있습니다. 글꼴을 설치하세요. 예: &apos;sudo apt install fonts-noto-cjk&apos; (또는 fonts-wqy-microhei)</translation>
    </message>
    <message>
        <source>Descent Lab will use {language} the next time it starts.</source>
        <translation>다음에 Descent Lab을 시작하면 {language}(으)로 표시됩니다.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LessonGallery</name>
    <message>
        <source>cannot be loaded: {loaded}</source>
        <translation>불러올 수 없음: {loaded}</translation>
    </message>
    <message>
        <source>Lesson gallery</source>
        <translation>단원 모음</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Question</source>
        <translation>질문</translation>
    </message>
    <message>
        <source>Look for</source>
        <translation>살펴볼 것</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>왜 그럴까</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:{color}&apos;&gt;No lesson text for this set-up. Pick one from the &lt;b&gt;Lessons&lt;/b&gt; menu, or explore: click the plot to add start points and change the racers on the left.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:{color}&apos;&gt;이 설정에는 단원 설명이 없습니다. &lt;b&gt;단원&lt;/b&gt; 메뉴에서 하나를 고르거나, 직접 탐구해 보세요: 그림을 클릭해 시작점을 추가하고 왼쪽에서 경주자를 바꿔 보세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;hr&gt;&lt;p style=&apos;color:{color}&apos;&gt;&lt;b&gt;Surface: {title}&lt;/b&gt;&lt;br&gt;{text}&lt;/p&gt;</source>
        <translation>&lt;hr&gt;&lt;p style=&apos;color:{color}&apos;&gt;&lt;b&gt;곡면: {title}&lt;/b&gt;&lt;br&gt;{text}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Network lab</source>
        <translation>신경망 실험실</translation>
    </message>
    <message>
        <source>Trains {network} for {steps} steps (the Network lab tab).</source>
        <translation>{network}을(를) {steps} 단계 학습합니다 (신경망 실험실 탭).</translation>
    </message>
</context>
<context>
    <name>LrRangeView</name>
    <message>
        <source>Surface: the selected racer</source>
        <translation>곡면: 선택한 경주자</translation>
    </message>
    <message>
        <source>Network lab: its network</source>
        <translation>신경망 실험실: 그 신경망</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>훑기 실행</translation>
    </message>
    <message>
        <source>lr min</source>
        <translation>lr 최소</translation>
    </message>
    <message>
        <source>lr max</source>
        <translation>lr 최대</translation>
    </message>
    <message>
        <source>Sweep the learning rate exponentially in one run and watch where the loss falls fastest and where it blows up.</source>
        <translation>한 번의 실행에서 학습률을 지수적으로 키우며, 손실이 어디서 가장 빨리 떨어지고 어디서 폭발하는지 보세요.</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>add a start point first: the sweep starts from it</source>
        <translation>먼저 시작점을 추가하세요: 훑기는 거기서 시작합니다</translation>
    </message>
    <message>
        <source>reached lr max</source>
        <translation>lr 최대에 도달</translation>
    </message>
    <message>
        <source>the loss passed 4 times its best</source>
        <translation>손실이 최저값의 4배를 넘음</translation>
    </message>
    <message>
        <source>the run blew up</source>
        <translation>실행이 폭발함</translation>
    </message>
    <message>
        <source>suggestions: steepest {steepest}, valley {valley}; theory: λ_max = {lambda_max} at the start, so plain GD is stable below 2/λ_max = {theory}. Stopped at lr {format_number_r}: {why}.</source>
        <translation>제안: 가장 가파른 곳 {steepest}, 골짜기 {valley}; 이론: 시작점에서 λ_max = {lambda_max}이므로 기본 GD는 2/λ_max = {theory} 아래에서 안정합니다. lr {format_number_r}에서 멈춤: {why}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Left click&lt;/b&gt;&lt;/td&gt;&lt;td&gt;add a start point&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Drag a start point&lt;/b&gt;&lt;/td&gt;&lt;td&gt;move it&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Right click / Shift+click on it&lt;/b&gt;&lt;/td&gt;&lt;td&gt;remove it&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Drag elsewhere, wheel&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pan, zoom&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;play / pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Right / Left&lt;/b&gt;&lt;/td&gt;&lt;td&gt;one step forward / back&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;back to step 0&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home&lt;/b&gt;&lt;/td&gt;&lt;td&gt;reset the view&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;step-by-step explanation on / off&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;export a snapshot, GIF, MP4 or frames&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;undo / redo an edit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;왼쪽 클릭&lt;/b&gt;&lt;/td&gt;&lt;td&gt;시작점 추가&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;시작점 끌기&lt;/b&gt;&lt;/td&gt;&lt;td&gt;옮기기&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;시작점에서 오른쪽 클릭 / Shift+클릭&lt;/b&gt;&lt;/td&gt;&lt;td&gt;지우기&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;다른 곳 끌기, 휠&lt;/b&gt;&lt;/td&gt;&lt;td&gt;이동, 확대/축소&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;재생 / 일시 정지&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;오른쪽 / 왼쪽&lt;/b&gt;&lt;/td&gt;&lt;td&gt;한 단계 앞으로 / 뒤로&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;단계 0으로&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home&lt;/b&gt;&lt;/td&gt;&lt;td&gt;보기 초기화&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;단계별 설명 켜기 / 끄기&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;스냅숏, GIF, MP4 또는 프레임 내보내기&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;편집 실행 취소 / 다시 실행&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Click the plot to add a start point; every enabled racer starts from it. Change any value on the left and the paths are recomputed at once.</source>
        <translation>그림을 클릭해 시작점을 추가하세요. 켜져 있는 모든 경주자가 거기서 출발합니다. 왼쪽에서 아무 값이나 바꾸면 경로가 바로 다시 계산됩니다.</translation>
    </message>
    <message>
        <source>Licence: {licence}.</source>
        <translation>라이선스: {licence}.</translation>
    </message>
    <message>
        <source>Sharpness readout (λ_max vs 2/lr)</source>
        <translation>날카로움 표시 (λ_max 대 2/lr)</translation>
    </message>
    <message>
        <source>a third readout: the largest Hessian eigenvalue along each path against the edge of stability 2/lr</source>
        <translation>세 번째 판독 그래프: 각 경로를 따라 헤시안의 가장 큰 고유값을 안정성의 경계 2/lr와 비교</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open scenario…</source>
        <translation>시나리오 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>load a scenario (.toml) file</source>
        <translation>시나리오 (.toml) 파일 불러오기</translation>
    </message>
    <message>
        <source>&amp;Save scenario…</source>
        <translation>시나리오 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>save the whole set-up as a scenario file</source>
        <translation>설정 전체를 시나리오 파일로 저장</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>단원(&amp;L)</translation>
    </message>
    <message>
        <source>Lesson gallery…</source>
        <translation>단원 모음…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>보기 초기화(&amp;R)</translation>
    </message>
    <message>
        <source>show the scenario&apos;s window again</source>
        <translation>시나리오의 보기 영역을 다시 보여 줌</translation>
    </message>
    <message>
        <source>Readouts (loss, |gradient|)</source>
        <translation>판독 그래프 (손실, |기울기|)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>재생(&amp;P)</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>재생 / 일시 정지</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>한 단계 앞으로</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>한 단계 뒤로</translation>
    </message>
    <message>
        <source>Reset to step 0</source>
        <translation>단계 0으로</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Mouse and keys</source>
        <translation>마우스와 키</translation>
    </message>
    <message>
        <source>About {app_name}</source>
        <translation>{app_name} 정보</translation>
    </message>
    <message>
        <source>Cannot use this scenario</source>
        <translation>이 시나리오를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open scenario</source>
        <translation>시나리오를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>시나리오 열기</translation>
    </message>
    <message>
        <source>Scenarios (*.toml);;All files (*)</source>
        <translation>시나리오 (*.toml);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>시나리오 저장</translation>
    </message>
    <message>
        <source>Scenarios (*.toml)</source>
        <translation>시나리오 (*.toml)</translation>
    </message>
    <message>
        <source>Cannot save scenario</source>
        <translation>시나리오를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Saved {target}</source>
        <translation>{target}에 저장했습니다</translation>
    </message>
    <message>
        <source> (set-up changed)</source>
        <translation> (설정 바뀜)</translation>
    </message>
</context>
<context>
    <name>MapsView</name>
    <message>
        <source>Learning rate × momentum / β1</source>
        <translation>학습률 × 모멘텀 / β1</translation>
    </message>
    <message>
        <source>Basins: start points</source>
        <translation>분지: 시작점</translation>
    </message>
    <message>
        <source>Learning rate × momentum: one run from the first start point per cell, the selected racer&apos;s optimizer with that cell&apos;s lr (columns) and momentum or beta1 (rows).
Basins: one run per start point on the window, the selected racer as it is: which minimum it reaches, and how fast.</source>
        <translation>학습률 × 모멘텀: 칸마다 첫 시작점에서 한 번씩 실행합니다. 선택한 경주자의 옵티마이저를 그 칸의 lr(열)과 모멘텀 또는 beta1(행)로 씁니다.
분지: 보기 영역의 시작점마다 한 번씩, 선택한 경주자를 그대로 실행합니다: 어느 최솟값에 얼마나 빨리 닿는지.</translation>
    </message>
    <message>
        <source>cells per axis</source>
        <translation>축마다 칸 수</translation>
    </message>
    <message>
        <source>the most steps each cell&apos;s run takes</source>
        <translation>칸마다 실행하는 최대 단계 수</translation>
    </message>
    <message>
        <source>a run has converged when its distance to a known minimum is below this (|gradient| below it, if the surface has no known minima)</source>
        <translation>알려진 최솟값까지의 거리가 이 값보다 작으면 수렴한 것으로 봅니다 (곡면에 알려진 최솟값이 없으면 |기울기|가 이 값보다 작을 때)</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>cells</source>
        <translation>칸</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>tol</source>
        <translation>허용 오차</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>around the stability limit 2/λ_max at the start point (GD family) or the racer&apos;s lr (adaptive optimizers)</source>
        <translation>시작점에서의 안정성 한계 2/λ_max 주변 (GD 계열) 또는 경주자의 lr 주변 (적응적 옵티마이저)</translation>
    </message>
    <message>
        <source>lr from</source>
        <translation>lr 범위</translation>
    </message>
    <message>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <source>(log)</source>
        <translation>(로그)</translation>
    </message>
    <message>
        <source>lr range: enter two numbers, e.g. 0.0001 and 1</source>
        <translation>lr 범위: 수 두 개를 입력하세요, 예: 0.0001과 1</translation>
    </message>
    <message>
        <source>lr range: need 0 &lt; from &lt; to, got {lo:g} and {hi:g}</source>
        <translation>lr 범위: 0 &lt; 시작 &lt; 끝이어야 하는데 {lo:g}와 {hi:g}입니다</translation>
    </message>
    <message>
        <source>no racer selected</source>
        <translation>선택한 경주자가 없습니다</translation>
    </message>
    <message>
        <source>no start point: click the Surface plot to add one</source>
        <translation>시작점 없음: 곡면 그림을 클릭해 추가하세요</translation>
    </message>
    <message>
        <source>the surface &apos;{name}&apos; has no known minima, so a basin map cannot tell where a run ends: use the learning rate map</source>
        <translation>곡면 &apos;{name}&apos;에는 알려진 최솟값이 없어서 분지 지도는 실행이 어디서 끝나는지 알 수 없습니다: 학습률 지도를 쓰세요</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>다시 시작</translation>
    </message>
    <message>
        <source>computing {resolution}×{resolution} cells…</source>
        <translation>{resolution}×{resolution} 칸 계산 중…</translation>
    </message>
    <message>
        <source>done in {last_seconds:.2f} s</source>
        <translation>{last_seconds:.2f}초 만에 완료</translation>
    </message>
    <message>
        <source>No map yet: press Compute.</source>
        <translation>아직 지도가 없습니다: 계산을 누르세요.</translation>
    </message>
    <message>
        <source>add a start point there</source>
        <translation>그곳에 시작점 추가</translation>
    </message>
    <message>
        <source>use its values</source>
        <translation>그 값 사용</translation>
    </message>
    <message>
        <source>{extra}{sw_diverged_color} diverged &amp;nbsp; {sw_not_converged_color} not converged within {steps} steps &amp;nbsp; — &lt;b&gt;click a cell&lt;/b&gt; to {click}</source>
        <translation>{extra}{sw_diverged_color} 발산 &amp;nbsp; {sw_not_converged_color} {steps} 단계 안에 수렴하지 못함 &amp;nbsp; — &lt;b&gt;칸을 클릭&lt;/b&gt;하면 {click}</translation>
    </message>
    <message>
        <source>learning rate (log scale)</source>
        <translation>학습률 (로그 눈금)</translation>
    </message>
    <message>
        <source>(one row)</source>
        <translation>(한 행)</translation>
    </message>
    <message>
        <source> &amp;nbsp; &lt;b&gt;- - -&lt;/b&gt; stability limit lr = (2 + 2·momentum) / λ_max at the start</source>
        <translation> &amp;nbsp; &lt;b&gt;- - -&lt;/b&gt; 시작점에서의 안정성 한계 lr = (2 + 2·momentum) / λ_max</translation>
    </message>
    <message>
        <source>{fast} fast … {slow} slow (steps: colour bar) &amp;nbsp; ○ the racer&apos;s current values{limit}&lt;br&gt;</source>
        <translation>{fast} 빠름 … {slow} 느림 (단계 수: 색 막대) &amp;nbsp; ○ 경주자의 현재 값{limit}&lt;br&gt;</translation>
    </message>
    <message>
        <source>racer {req_racer_index} ({racer_optimizer}</source>
        <translation>경주자 {req_racer_index} ({racer_optimizer}</translation>
    </message>
    <message>
        <source> × {param} {values0}…{m_values} ({values})</source>
        <translation> × {param} {values0}…{m_values} ({values})</translation>
    </message>
    <message>
        <source>Computed for {racer} on {describe_surface_req} from start ({start0}, {start1}): lr {lrs0}…{m_lrs} ({lrs}, log){rows}; {steps} steps; converged = {criterion_text_m}; no gradient noise.</source>
        <translation>{racer}에 대해 {describe_surface_req}에서 시작점 ({start0}, {start1})로 계산: lr {lrs0}…{m_lrs} ({lrs}, 로그){rows}; {steps} 단계; 수렴 = {criterion_text_m}; 기울기 잡음 없음.</translation>
    </message>
    <message>
        <source>|gradient| &lt; {tol:g}</source>
        <translation>|기울기| &lt; {tol:g}</translation>
    </message>
    <message>
        <source>loss within {tol:g} of the minimum</source>
        <translation>손실이 최솟값에서 {tol:g} 이내</translation>
    </message>
    <message>
        <source>within {tol:g} of a known minimum</source>
        <translation>알려진 최솟값에서 {tol:g} 이내</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color: rgb{tuple_rgb}&quot;&gt;■&lt;/span&gt; minimum ({x}, {y})</source>
        <translation>&lt;span style=&quot;color: rgb{tuple_rgb}&quot;&gt;■&lt;/span&gt; 최솟값 ({x}, {y})</translation>
    </message>
    <message>
        <source> &amp;nbsp; </source>
        <translation> &amp;nbsp; </translation>
    </message>
    <message>
        <source> &amp;nbsp; (darker = slower) &amp;nbsp; </source>
        <translation> &amp;nbsp; (어두울수록 느림) &amp;nbsp; </translation>
    </message>
    <message>
        <source>colour: steps to the minimum (colour bar) &amp;nbsp; </source>
        <translation>색: 최솟값까지의 단계 수 (색 막대) &amp;nbsp; </translation>
    </message>
    <message>
        <source>&lt;br&gt;</source>
        <translation>&lt;br&gt;</translation>
    </message>
    <message>
        <source>Computed for racer {req_racer_index} ({optimizer}, lr {m_lr}) on {describe_surface_req}: {xs}×{ys} start points; {steps} steps; converged = {criterion_text_distance}; no gradient noise.</source>
        <translation>경주자 {req_racer_index} ({optimizer}, lr {m_lr})에 대해 {describe_surface_req}에서 계산: 시작점 {xs}×{ys}개; {steps} 단계; 수렴 = {criterion_text_distance}; 기울기 잡음 없음.</translation>
    </message>
    <message>
        <source>Change the optimizer?</source>
        <translation>옵티마이저를 바꿀까요?</translation>
    </message>
    <message>
        <source>This cell has {param} {value}: applying it turns {racer_display_label} from {old} into {new}.</source>
        <translation>이 칸은 {param} {value}입니다: 적용하면 {racer_display_label}이(가) {old}에서 {new}(으)로 바뀝니다.</translation>
    </message>
    <message>
        <source>diverged at step {m_diverged_at}</source>
        <translation>단계 {m_diverged_at}에서 발산</translation>
    </message>
    <message>
        <source>not converged within {steps} steps</source>
        <translation>{steps} 단계 안에 수렴하지 못함</translation>
    </message>
    <message>
        <source>converged in {k} steps</source>
        <translation>{k} 단계 만에 수렴</translation>
    </message>
    <message>
        <source>lr {m_lrs}</source>
        <translation>lr {m_lrs}</translation>
    </message>
    <message>
        <source>, {param} {m_values}</source>
        <translation>, {param} {m_values}</translation>
    </message>
    <message>
        <source>start ({m_xs}, {m_ys})</source>
        <translation>시작점 ({m_xs}, {m_ys})</translation>
    </message>
    <message>
        <source> to minimum {int_m}</source>
        <translation> (최솟값 {int_m}(으)로)</translation>
    </message>
    <message>
        <source>{where}: {what}</source>
        <translation>{where}: {what}</translation>
    </message>
</context>
<context>
    <name>NarrationPanel</name>
    <message>
        <source>&lt;b&gt;Step by step&lt;/b&gt;</source>
        <translation>&lt;b&gt;단계별 설명&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{step_key}: on / off · Right / Left: next / previous step</source>
        <translation>{step_key}: 켜기 / 끄기 · 오른쪽 / 왼쪽: 다음 / 이전 단계</translation>
    </message>
</context>
<context>
    <name>NetlabPlots</name>
    <message>
        <source>training loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>|gradient|</source>
        <translation>|기울기|</translation>
    </message>
    <message>
        <source>sharpness &lt;span style=&apos;color:{c_sharpness}&apos;&gt;λ&lt;sub&gt;max&lt;/sub&gt;&lt;/span&gt; vs &lt;span style=&apos;color:{c_limit}&apos;&gt;2 / lr&lt;/span&gt;</source>
        <translation>날카로움 &lt;span style=&apos;color:{c_sharpness}&apos;&gt;λ&lt;sub&gt;max&lt;/sub&gt;&lt;/span&gt; 대 &lt;span style=&apos;color:{c_limit}&apos;&gt;2 / lr&lt;/span&gt;</translation>
    </message>
    <message>
        <source>⚠ diverged at step {step}</source>
        <translation>⚠ 단계 {step}에서 발산</translation>
    </message>
    <message>
        <source>update {step} sent the loss to {how} (above 1e12 or not a number): training stopped there</source>
        <translation>업데이트 {step}이(가) 손실을 {how}(으)로 보냈습니다 (1e12 초과 또는 수가 아님): 학습은 거기서 멈췄습니다</translation>
    </message>
    <message>
        <source>PCA of the path (shows the path best)</source>
        <translation>경로의 PCA (경로가 가장 잘 보임)</translation>
    </message>
    <message>
        <source>random directions (filter-normalized)</source>
        <translation>무작위 방향 (필터 정규화)</translation>
    </message>
    <message>
        <source>loss landscape</source>
        <translation>손실 지형</translation>
    </message>
    <message>
        <source>the two directions in weight space that span the plane through the final weights</source>
        <translation>마지막 가중치를 지나는 평면을 이루는, 가중치 공간의 두 방향</translation>
    </message>
    <message>
        <source>plane:</source>
        <translation>평면:</translation>
    </message>
    <message>
        <source>log10 loss</source>
        <translation>log10 손실</translation>
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
        <translation>방향 1</translation>
    </message>
    <message>
        <source>direction 2</source>
        <translation>방향 2</translation>
    </message>
    <message>
        <source>loss landscape around step {origin}</source>
        <translation>단계 {origin} 주변의 손실 지형</translation>
    </message>
    <message>
        <source>white: the weights&apos; path on the plane · orange: the shown step</source>
        <translation>흰색: 평면 위 가중치의 경로 · 주황색: 보이는 단계</translation>
    </message>
    <message>
        <source> · ✕: blew up next</source>
        <translation> · ✕: 다음에 폭발</translation>
    </message>
    <message>
        <source>data (colour: target) and prediction</source>
        <translation>데이터 (색: 목표값)와 예측</translation>
    </message>
    <message>
        <source>data and decision region</source>
        <translation>데이터와 결정 영역</translation>
    </message>
    <message>
        <source>points: the training data (colour: class)</source>
        <translation>점: 학습 데이터 (색: 클래스)</translation>
    </message>
    <message>
        <source>points: the training data (colour: target value)</source>
        <translation>점: 학습 데이터 (색: 목표값)</translation>
    </message>
    <message>
        <source>points: the targets · background: the network&apos;s prediction at step {step}, same colours</source>
        <translation>점: 목표값 · 배경: 단계 {step}에서 신경망의 예측, 같은 색</translation>
    </message>
    <message>
        <source> ({outside:.0f}% of it off the targets&apos; scale)</source>
        <translation> (그중 {outside:.0f}%는 목표값의 범위 밖)</translation>
    </message>
    <message>
        <source>background: the class the network predicts at step {step} · white line: its decision boundary</source>
        <translation>배경: 단계 {step}에서 신경망이 예측하는 클래스 · 흰 선: 결정 경계</translation>
    </message>
    <message>
        <source>background: the class the network predicts at step {step}</source>
        <translation>배경: 단계 {step}에서 신경망이 예측하는 클래스</translation>
    </message>
</context>
<context>
    <name>NetlabView</name>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Readouts</source>
        <translation>판독</translation>
    </message>
    <message>
        <source>hidden layer widths, e.g. 32, 32 (empty: a linear model; at most 6 layers of 1 to 512 units)</source>
        <translation>은닉층 너비, 예: 32, 32 (비우면: 선형 모델; 최대 6층, 층마다 1에서 512 유닛)</translation>
    </message>
    <message>
        <source>▶ Train</source>
        <translation>▶ 학습</translation>
    </message>
    <message>
        <source>train the network with the settings on the left</source>
        <translation>왼쪽 설정으로 신경망 학습</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 멈춤</translation>
    </message>
    <message>
        <source>stop the run now (its curves so far stay)</source>
        <translation>실행을 지금 멈춤 (지금까지의 곡선은 남음)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>save these settings as a network-lab scenario (.toml)</source>
        <translation>이 설정을 신경망 실험실 시나리오 (.toml)로 저장</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>단계 %v / %m</translation>
    </message>
    <message>
        <source>the step shown in the landscape (orange point) and the data view (decision region)</source>
        <translation>지형 (주황색 점)과 데이터 보기 (결정 영역)에 보이는 단계</translation>
    </message>
    <message>
        <source>step 0</source>
        <translation>단계 0</translation>
    </message>
    <message>
        <source>show step</source>
        <translation>보일 단계</translation>
    </message>
    <message>
        <source>Press Train to train the network.</source>
        <translation>학습을 눌러 신경망을 학습하세요.</translation>
    </message>
    <message>
        <source>Save network-lab scenario</source>
        <translation>신경망 실험실 시나리오 저장</translation>
    </message>
    <message>
        <source>netlab.toml</source>
        <translation>netlab.toml</translation>
    </message>
    <message>
        <source>Scenarios (*.toml)</source>
        <translation>시나리오 (*.toml)</translation>
    </message>
    <message>
        <source>Cannot save scenario</source>
        <translation>시나리오를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>{target}: {reason}</source>
        <translation>{target}: {reason}</translation>
    </message>
    <message>
        <source>saved {target}</source>
        <translation>{target}에 저장함</translation>
    </message>
    <message>
        <source>&lt;b&gt;Network lab&lt;/b&gt; &lt;span style=&apos;color:{c_muted}&apos;&gt;— train a small network; watch its loss, gradient and sharpness&lt;/span&gt;</source>
        <translation>&lt;b&gt;신경망 실험실&lt;/b&gt; &lt;span style=&apos;color:{c_muted}&apos;&gt;— 작은 신경망을 학습하며 손실, 기울기, 날카로움을 지켜보세요&lt;/span&gt;</translation>
    </message>
    <message>
        <source> · changed</source>
        <translation> · 바뀜</translation>
    </message>
    <message>
        <source> · changed: press Train</source>
        <translation> · 바뀜: 학습을 누르세요</translation>
    </message>
    <message>
        <source>grey: the previous run ({describe})</source>
        <translation>회색: 이전 실행 ({describe})</translation>
    </message>
    <message>
        <source>training…</source>
        <translation>학습 중…</translation>
    </message>
    <message>
        <source>training {describe_config_config} …</source>
        <translation>{describe_config_config} 학습 중…</translation>
    </message>
    <message>
        <source>computing the landscape… row {rows} of {n}</source>
        <translation>지형 계산 중… {n}행 중 {rows}행</translation>
    </message>
    <message>
        <source>diverged at step {diverged_at} (of %m)</source>
        <translation>단계 {diverged_at}에서 발산 (%m 중)</translation>
    </message>
    <message>
        <source>computing the landscape…</source>
        <translation>지형 계산 중…</translation>
    </message>
    <message>
        <source>stopped at step {max_step} (no landscape for a stopped run)</source>
        <translation>단계 {max_step}에서 멈춤 (멈춘 실행에는 지형이 없음)</translation>
    </message>
    <message>
        <source>landscape stopped: choose a plane to compute it</source>
        <translation>지형 계산 멈춤: 계산하려면 평면을 고르세요</translation>
    </message>
    <message>
        <source>step {step} / {steps}</source>
        <translation>단계 {step} / {steps}</translation>
    </message>
    <message>
        <source>, diverged at step {diverged_at}</source>
        <translation>, 단계 {diverged_at}에서 발산</translation>
    </message>
    <message>
        <source>loss {fmt_run} → {fmt_run2}</source>
        <translation>손실 {fmt_run} → {fmt_run2}</translation>
    </message>
    <message>
        <source>|g| {fmt_run}</source>
        <translation>|g| {fmt_run}</translation>
    </message>
    <message>
        <source> (not converged: an estimate)</source>
        <translation> (수렴하지 않음: 추정값)</translation>
    </message>
    <message>
        <source>λmax {fmt_lam}{estimate} vs 2/lr {fmt_limit}</source>
        <translation>λmax {fmt_lam}{estimate} 대 2/lr {fmt_limit}</translation>
    </message>
    <message>
        <source>diagnosis: {diagnosis_text}</source>
        <translation>진단: {diagnosis_text}</translation>
    </message>
    <message>
        <source>accuracy {accuracy_run:.0f}%</source>
        <translation>정확도 {accuracy_run:.0f}%</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{c_error}&apos;&gt;&lt;b&gt;diverged at step {diverged_at}&lt;/b&gt;&lt;/span&gt; · </source>
        <translation>&lt;span style=&apos;color:{c_error}&apos;&gt;&lt;b&gt;단계 {diverged_at}에서 발산&lt;/b&gt;&lt;/span&gt; · </translation>
    </message>
    <message>
        <source>Cannot use this scenario</source>
        <translation>이 시나리오를 쓸 수 없습니다</translation>
    </message>
</context>
<context>
    <name>ParamField</name>
    <message>
        <source>{name} is empty: enter {what}</source>
        <translation>{name}이(가) 비어 있습니다: {what}을(를) 입력하세요</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>값</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>back to step 0 (R)</source>
        <translation>단계 0으로 (R)</translation>
    </message>
    <message>
        <source>one step back (Left)</source>
        <translation>한 단계 뒤로 (왼쪽)</translation>
    </message>
    <message>
        <source>play / pause (Space)</source>
        <translation>재생 / 일시 정지 (Space)</translation>
    </message>
    <message>
        <source>one step forward (Right)</source>
        <translation>한 단계 앞으로 (오른쪽)</translation>
    </message>
    <message>
        <source>drag to scrub through the steps</source>
        <translation>끌어서 단계를 훑어보기</translation>
    </message>
    <message>
        <source>step {step} / {steps}</source>
        <translation>단계 {step} / {steps}</translation>
    </message>
</context>
<context>
    <name>Readouts</name>
    <message>
        <source>λ_max vs 2/lr</source>
        <translation>λ_max 대 2/lr</translation>
    </message>
    <message>
        <source>step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>|gradient| vs loss</source>
        <translation>|기울기| 대 손실</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Each racer&apos;s |gradient| against its loss, both on log scales; the dot is the playhead. Converging runs head to the lower left. A curve that stops moving left while |g| stays high is a stall: the loss no longer falls although the gradient is not small (lesson P4).</source>
        <translation>경주자마다 손실에 대한 |기울기|를 두 축 모두 로그 눈금으로 그립니다. 점은 재생 위치입니다. 수렴하는 실행은 왼쪽 아래로 향합니다. |g|가 큰 채로 더 이상 왼쪽으로 가지 않는 곡선은 정체입니다: 기울기가 작지 않은데도 손실이 더는 줄지 않습니다(레슨 P4).</translation>
    </message>
    <message>
        <source>|gradient|</source>
        <translation>|기울기|</translation>
    </message>
    <message>
        <source>Solid: the largest Hessian eigenvalue lambda_max at each point of the racer&apos;s path. Dashed: the edge of stability 2 / lr(t) (heavy ball: (2 + 2 momentum) / lr(t)). Above the dashed line a step of that size overshoots more than it corrects. The edge is drawn for gradient-descent racers only: adaptive optimizers scale each coordinate&apos;s step by 1 / sigma.</source>
        <translation>실선: 경주자 경로의 각 점에서 헤시안의 가장 큰 고유값 lambda_max. 점선: 안정성의 경계 2 / lr(t) (헤비볼: (2 + 2 momentum) / lr(t)). 점선보다 위에서는 그 크기의 걸음이 바로잡는 것보다 더 지나칩니다. 경계는 경사 하강법 경주자에게만 그립니다: 적응적 옵티마이저는 좌표마다 걸음을 1 / sigma로 조정합니다.</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <source>Your optimizer: update rules</source>
        <translation>나만의 옵티마이저: 업데이트 규칙</translation>
    </message>
    <message>
        <source>Start from an example…</source>
        <translation>예시에서 시작…</translation>
    </message>
    <message>
        <source>hyperparameters with their defaults: lr = 0.01, beta = 0.9</source>
        <translation>기본값과 함께 쓴 하이퍼파라미터: lr = 0.01, beta = 0.9</translation>
    </message>
    <message>
        <source>state variables and their initial values (in p and the hyperparameters): m = 0, v = 0</source>
        <translation>상태 변수와 초깃값 (p와 하이퍼파라미터로): m = 0, v = 0</translation>
    </message>
    <message>
        <source>one assignment per line, in order: p (the new point), a state variable, or a new name for later lines; use g (gradient), p (point), t (step, 1 at the first update), lr and your names, with the formula field&apos;s functions (sqrt, sign, abs, max, ...)</source>
        <translation>한 줄에 대입 하나, 순서대로: p (새 점), 상태 변수, 또는 뒤의 줄에서 쓸 새 이름. g (기울기), p (점), t (단계, 첫 업데이트에서 1), lr과 직접 정한 이름을 수식 입력란의 함수 (sqrt, sign, abs, max, ...)와 함께 쓰세요</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>hyperparameters</source>
        <translation>하이퍼파라미터</translation>
    </message>
    <message>
        <source>state</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>update</source>
        <translation>업데이트</translation>
    </message>
    <message>
        <source>Add racer</source>
        <translation>경주자 추가</translation>
    </message>
</context>
<context>
    <name>StatusReadout</name>
    <message>
        <source>the racer whose numbers are shown</source>
        <translation>수치를 보여 주는 경주자</translation>
    </message>
    <message>
        <source>Step {step} / {steps}</source>
        <translation>단계 {step} / {steps}</translation>
    </message>
    <message>
        <source>no start point: click the plot</source>
        <translation>시작점 없음: 그림을 클릭하세요</translation>
    </message>
    <message>
        <source>racer switched off</source>
        <translation>경주자가 꺼져 있음</translation>
    </message>
    <message>
        <source> (start 1 of {n})</source>
        <translation> (시작점 {n}개 중 1번째)</translation>
    </message>
    <message>
        <source>loss {loss}   |g| {gnorm}</source>
        <translation>손실 {loss}   |g| {gnorm}</translation>
    </message>
    <message>
        <source>loss —   |g| —   (f is undefined or infinite here: move the start point)</source>
        <translation>손실 —   |g| —   (여기서 f가 정의되지 않거나 무한대: 시작점을 옮기세요)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{color}&apos;&gt;diverged at step {d}&lt;/b&gt;{why}</source>
        <translation>&lt;b style=&apos;color:{color}&apos;&gt;단계 {d}에서 발산&lt;/b&gt;{why}</translation>
    </message>
</context>
<context>
    <name>StepMode</name>
    <message>
        <source>Step-by-step explanation</source>
        <translation>단계별 설명</translation>
    </message>
    <message>
        <source>pause and explain the selected racer&apos;s update at each step: arrows on the plot, the arithmetic in the Step panel; Right / Left step</source>
        <translation>멈추고 선택한 경주자의 업데이트를 단계마다 설명합니다: 그림에는 화살표, 단계 패널에는 계산 과정; 오른쪽 / 왼쪽으로 이동</translation>
    </message>
    <message>
        <source>Step-by-step mode is off. Press {step_key} (View &gt; Step-by-step explanation) to pause and see the selected racer&apos;s update explained, step by step.</source>
        <translation>단계별 설명 모드가 꺼져 있습니다. {step_key}(보기 &gt; 단계별 설명)를 누르면 멈추고 선택한 경주자의 업데이트를 한 단계씩 설명합니다.</translation>
    </message>
    <message>
        <source>Cannot explain this racer: {err}</source>
        <translation>이 경주자는 설명할 수 없습니다: {err}</translation>
    </message>
    <message>
        <source>No start point yet: click the plot to add one.</source>
        <translation>아직 시작점이 없습니다: 그림을 클릭해 추가하세요.</translation>
    </message>
    <message>
        <source>The selected racer is disabled: enable it, or select another racer, to see its steps explained.</source>
        <translation>선택한 경주자가 꺼져 있습니다: 걸음 설명을 보려면 켜거나 다른 경주자를 고르세요.</translation>
    </message>
    <message>
        <source>start point {start_index} of {n}</source>
        <translation>시작점 {n}개 중 {start_index}번째</translation>
    </message>
    <message>
        <source>the run has {steps} steps: this update is one beyond its end</source>
        <translation>실행은 {steps} 단계입니다: 이 업데이트는 그 끝을 넘어선 한 걸음입니다</translation>
    </message>
</context>
<context>
    <name>SurfaceView</name>
    <message>
        <source>blank: f(x, y) is undefined there</source>
        <translation>빈 곳: 거기서는 f(x, y)가 정의되지 않음</translation>
    </message>
    <message>
        <source>the formula has no value in the blank areas (log or sqrt of a negative number, division by zero): a run that steps into one stops there, marked diverged</source>
        <translation>빈 영역에서는 수식에 값이 없습니다 (음수의 log나 sqrt, 0으로 나누기): 그 안으로 들어간 실행은 거기서 멈추고 발산으로 표시됩니다</translation>
    </message>
    <message>
        <source>racer {i}</source>
        <translation>경주자 {i}</translation>
    </message>
    <message>
        <source>⚠ {label}: diverged at step {k}</source>
        <translation>⚠ {label}: 단계 {k}에서 발산</translation>
    </message>
    <message>
        <source>{label}: {diagnosis_text}</source>
        <translation>{label}: {diagnosis_text}</translation>
    </message>
</context>
<context>
    <name>SurfaceView3D</name>
    <message>
        <source>height: auto (log when the values span many times their median, as on Rosenbrock), linear f, or log10(f - f_min)</source>
        <translation>높이: auto (Rosenbrock처럼 값이 중앙값의 여러 배에 걸치면 로그), linear f, 또는 log10(f - f_min)</translation>
    </message>
    <message>
        <source>height</source>
        <translation>높이</translation>
    </message>
    <message>
        <source>{scale}, clipped to the colour scale · x {x0} … {x1}, y {y0} … {y1} · drag: rotate, wheel: zoom, Ctrl+drag: pan</source>
        <translation>{scale}, 색 눈금 범위로 자름 · x {x0} … {x1}, y {y0} … {y1} · 끌기: 회전, 휠: 확대/축소, Ctrl+끌기: 이동</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>opening another scenario</source>
        <translation>다른 시나리오를 열기</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo {h_undo_text}</source>
        <translation>실행 취소(&amp;U) {h_undo_text}</translation>
    </message>
    <message>
        <source>&amp;Redo {h_redo_text}</source>
        <translation>다시 실행(&amp;R) {h_redo_text}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>“{name}” has changes that are not saved. Save them before {doing}?</source>
        <translation>“{name}”에 저장하지 않은 변경 사항이 있습니다. {doing} 전에 저장할까요?</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
</context>
<context>
    <name>View3D</name>
    <message>
        <source>3D view needs OpenGL: run on a desktop or under Xvfb</source>
        <translation>3D 보기에는 OpenGL이 필요합니다: 데스크톱에서 또는 Xvfb 아래에서 실행하세요</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>not enough memory for this request (use fewer steps, start points or a smaller size)</source>
        <translation>이 요청을 처리할 메모리가 부족합니다 (단계 수, 시작점 수 또는 크기를 줄이세요)</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>중단됨</translation>
    </message>
    <message>
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>descent-lab: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window cannot open. Headless alternatives: &apos;descent-lab run --scenario NAME&apos; (numbers as JSON) or &apos;descent-lab render --scenario NAME --out lesson.gif&apos; (images).</source>
        <translation>descent-lab: 디스플레이를 찾지 못해 (DISPLAY와 WAYLAND_DISPLAY가 설정되지 않음) 창을 열 수 없습니다. 화면 없이 쓰는 방법: &apos;descent-lab run --scenario NAME&apos; (수치를 JSON으로) 또는 &apos;descent-lab render --scenario NAME --out lesson.gif&apos; (이미지).</translation>
    </message>
    <message>
        <source>cannot load: {reason}</source>
        <translation>불러올 수 없음: {reason}</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>LESSON</source>
        <translation>단원</translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>{out} exists; use --force to replace it</source>
        <translation>{out}이(가) 이미 있습니다. 바꾸려면 --force를 쓰세요</translation>
    </message>
    <message>
        <source>wrote {path}: {what}, {size}, {seconds:.1f} s</source>
        <translation>{path}에 저장함: {what}, {size}, {seconds:.1f}초</translation>
    </message>
    <message>
        <source>render {label} [{bar}] {done}/{total} frames {seconds:.1f} s</source>
        <translation>렌더링 {label} [{bar}] {done}/{total} 프레임 {seconds:.1f}초</translation>
    </message>
    <message>
        <source>{err}; use --force to replace it</source>
        <translation>{err}. 바꾸려면 --force를 쓰세요</translation>
    </message>
    <message>
        <source>wrote {path}{os_sep}: {steps} frame{s_len}, {width}x{height}, {size}, {seconds:.1f} s</source>
        <translation>{path}{os_sep}에 저장함: 프레임 {steps}개, {width}x{height}, {size}, {seconds:.1f}초</translation>
    </message>
</context>
<context>
    <name>divergence</name>
    <message>
        <source>blow-up began at step {step}</source>
        <translation>폭발은 단계 {step}에서 시작</translation>
    </message>
    <message>
        <source>loss ×{growth} per step</source>
        <translation>손실 단계당 ×{growth}</translation>
    </message>
    <message>
        <source>implies λmax ≈ {lambda_max}, stable for lr &lt; {lr}</source>
        <translation>λmax ≈ {lambda_max}로 추정, lr &lt; {lr}이면 안정</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>PNG snapshot</source>
        <translation>PNG 스냅숏</translation>
    </message>
    <message>
        <source>PNG frame sequence</source>
        <translation>PNG 프레임 연속 이미지</translation>
    </message>
    <message>
        <source>animated GIF</source>
        <translation>움직이는 GIF</translation>
    </message>
    <message>
        <source>MP4 video (H.264)</source>
        <translation>MP4 동영상 (H.264)</translation>
    </message>
</context>
<context>
    <name>lesson_state</name>
    <message>
        <source>the surface</source>
        <translation>곡면</translation>
    </message>
    <message>
        <source>the surface&apos;s parameters</source>
        <translation>곡면의 매개변수</translation>
    </message>
    <message>
        <source>the racers</source>
        <translation>경주자</translation>
    </message>
    <message>
        <source>the optimizers</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>the hyperparameters</source>
        <translation>하이퍼파라미터</translation>
    </message>
    <message>
        <source>the lr schedules</source>
        <translation>학습률 스케줄</translation>
    </message>
    <message>
        <source>the gradient noise</source>
        <translation>기울기 잡음</translation>
    </message>
    <message>
        <source>the start points</source>
        <translation>시작점</translation>
    </message>
    <message>
        <source>the number of steps</source>
        <translation>단계 수</translation>
    </message>
    <message>
        <source>the network lab&apos;s set-up</source>
        <translation>신경망 실험실 설정</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source> and </source>
        <translation>, </translation>
    </message>
    <message>
        <source>You changed {what}: this lesson describes its original set-up, so its numbers may not match what you see now. Reopen it from the Lessons menu to go back; Save writes your set-up without the lesson text.</source>
        <translation>{what}을(를) 바꾸었습니다: 이 단원은 원래 설정을 설명하므로, 지금 보이는 것과 수치가 맞지 않을 수 있습니다. 단원 메뉴에서 다시 열면 돌아갑니다. 저장하면 단원 설명 없이 지금 설정을 씁니다.</translation>
    </message>
</context>
<context>
    <name>narration</name>
    <message>
        <source>decoupled weight decay: point × {shrink} → {p_shrink}</source>
        <translation>분리된 가중치 감쇠: 점 × {shrink} → {p_shrink}</translation>
    </message>
    <message>
        <source>belief: gradient − m = {r} (how far the gradient is from its average)</source>
        <translation>belief: 기울기 − m = {r} (기울기가 평균에서 얼마나 벗어났는지)</translation>
    </message>
    <message>
        <source>s = {b2} × previous {s_prev} + {b22} × residual² + eps → {s}</source>
        <translation>s = {b2} × 이전 {s_prev} + {b22} × 잔차² + eps → {s}</translation>
    </message>
    <message>
        <source>rectified (RAdam): N_sma = {n_sma} ≥ 5, so σ = √s + eps → {sigma}, scaled by the variance correction</source>
        <translation>보정(RAdam): N_sma = {n_sma} ≥ 5이므로 σ = √s + eps → {sigma}, 분산 보정으로 조정</translation>
    </message>
    <message>
        <source>a plain momentum step (the variance estimate is not reliable yet)</source>
        <translation>일반 모멘텀 걸음 (분산 추정을 아직 믿을 수 없음)</translation>
    </message>
    <message>
        <source>no step (degenerated_to_sgd is off)</source>
        <translation>걸음 없음 (degenerated_to_sgd가 꺼져 있음)</translation>
    </message>
    <message>
        <source>rectified (RAdam): N_sma = {n_sma} &lt; 5, so {what}</source>
        <translation>보정(RAdam): N_sma = {n_sma} &lt; 5이므로 {what}</translation>
    </message>
    <message>
        <source>σ = √s / √(1 − {b2}^{t}) + eps → {sigma}</source>
        <translation>σ = √s / √(1 − {b2}^{t}) + eps → {sigma}</translation>
    </message>
    <message>
        <source>effective lr per coordinate → {eff}</source>
        <translation>좌표별 실효 학습률 → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × m_hat = {eff_m_hat}, taken downhill</source>
        <translation>걸음: 실효 학습률 × m_hat = {eff_m_hat}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>σ = √(v + eps) → {sigma}; past steps&apos; size √(acc + eps) = {rms_step}</source>
        <translation>σ = √(v + eps) → {sigma}; 지난 걸음들의 크기 √(acc + eps) = {rms_step}</translation>
    </message>
    <message>
        <source>ratio √(acc + eps) / σ → {scale}: delta = ratio × gradient → {delta}</source>
        <translation>비율 √(acc + eps) / σ → {scale}: delta = 비율 × 기울기 → {delta}</translation>
    </message>
    <message>
        <source>acc = {rho} × previous {acc_prev} + {rho2} × delta² → {acc}</source>
        <translation>acc = {rho} × 이전 {acc_prev} + {rho2} × delta² → {acc}</translation>
    </message>
    <message>
        <source>effective lr per coordinate = lr × ratio → {eff}</source>
        <translation>좌표별 실효 학습률 = lr × 비율 → {eff}</translation>
    </message>
    <message>
        <source>step: lr {lr} × delta = {lr_delta}, taken downhill</source>
        <translation>걸음: lr {lr} × delta = {lr_delta}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>decayed lr = {lr} / (1 + {t} × {h_lr_decay}) → {clr}</source>
        <translation>감쇠된 학습률 = {lr} / (1 + {t} × {h_lr_decay}) → {clr}</translation>
    </message>
    <message>
        <source>sum of squared gradients = previous {prev} + gradient² {g_g} → {total}</source>
        <translation>기울기 제곱의 합 = 이전 {prev} + 기울기² {g_g} → {total}</translation>
    </message>
    <message>
        <source>σ = √(sum / {t}) + eps (root mean square) → {sigma}</source>
        <translation>σ = √(합 / {t}) + eps (제곱평균제곱근) → {sigma}</translation>
    </message>
    <message>
        <source>σ = √sum + eps → {sigma}</source>
        <translation>σ = √합 + eps → {sigma}</translation>
    </message>
    <message>
        <source>effective lr per coordinate = {clr} / σ → {eff}</source>
        <translation>좌표별 실효 학습률 = {clr} / σ → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × gradient = {eff_g}, taken downhill</source>
        <translation>걸음: 실효 학습률 × 기울기 = {eff_g}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>AMSGrad: v_max = max(previous {vmax_prev}, v) → {v_used}</source>
        <translation>AMSGrad: v_max = max(이전 {vmax_prev}, v) → {v_used}</translation>
    </message>
    <message>
        <source>bias correction (t = {t}): m_hat = m / (1 − {b1}^{t}) = m / {bc1} → {m_hat}</source>
        <translation>편향 보정 (t = {t}): m_hat = m / (1 − {b1}^{t}) = m / {bc1} → {m_hat}</translation>
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
        <translation>편향 보정 없음: σ = √{vname} + eps → {sigma}</translation>
    </message>
    <message>
        <source>effective lr per coordinate = lr / σ → {eff}</source>
        <translation>좌표별 실효 학습률 = lr / σ → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × {dname} = {step}, taken downhill</source>
        <translation>걸음: 실효 학습률 × {dname} = {step}, 내리막 방향으로</translation>
    </message>
    <message>
        <source> from the decayed point</source>
        <translation> (감쇠된 점에서)</translation>
    </message>
    <message>
        <source>infinity norm u = max({b2} × previous {u_prev}, |gradient| + eps {g_eps}) → {u}</source>
        <translation>무한대 노름 u = max({b2} × 이전 {u_prev}, |기울기| + eps {g_eps}) → {u}</translation>
    </message>
    <message>
        <source>effective lr per coordinate = lr / u → {eff}</source>
        <translation>좌표별 실효 학습률 = lr / u → {eff}</translation>
    </message>
    <message>
        <source>clipped to |g| ≤ {h_max_grad_norm}: × {clip} → {g}</source>
        <translation>|g| ≤ {h_max_grad_norm}로 잘라냄: × {clip} → {g}</translation>
    </message>
    <message>
        <source>gradient change since the last step: {diff}</source>
        <translation>지난 걸음 이후 기울기 변화: {diff}</translation>
    </message>
    <message>
        <source> (none on the first step)</source>
        <translation> (첫 걸음에는 없음)</translation>
    </message>
    <message>
        <source>m = {b1} × previous {m_prev} + {b12} × gradient → {m}</source>
        <translation>m = {b1} × 이전 {m_prev} + {b12} × 기울기 → {m}</translation>
    </message>
    <message>
        <source>d = {b2} × previous {d_prev} + {b22} × change → {d}</source>
        <translation>d = {b2} × 이전 {d_prev} + {b22} × 변화 → {d}</translation>
    </message>
    <message>
        <source>n = {b3} × previous {n_prev} + {b32} × (gradient + {b2} × change)² {u_u} → {n}</source>
        <translation>n = {b3} × 이전 {n_prev} + {b32} × (기울기 + {b2} × 변화)² {u_u} → {n}</translation>
    </message>
    <message>
        <source>σ = √n / √(1 − {b3}^{t}) + eps → {sigma}; effective lr = lr / σ → {eff}</source>
        <translation>σ = √n / √(1 − {b3}^{t}) + eps → {sigma}; 실효 학습률 = lr / σ → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × (m_hat {m_hat} + {b2} × d_hat {d_hat}) = {eff_m_hat_d_hat}, taken downhill</source>
        <translation>걸음: 실효 학습률 × (m_hat {m_hat} + {b2} × d_hat {d_hat}) = {eff_m_hat_d_hat}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>weight decay: point / (1 + lr × {weight_decay})</source>
        <translation>가중치 감쇠: 점 / (1 + lr × {weight_decay})</translation>
    </message>
    <message>
        <source>weight decay: point × (1 − lr × {weight_decay}) first</source>
        <translation>가중치 감쇠: 먼저 점 × (1 − lr × {weight_decay})</translation>
    </message>
    <message>
        <source>fast average m1 = {b1} × previous {m1_prev} + {b12} × gradient → {m1}</source>
        <translation>빠른 평균 m1 = {b1} × 이전 {m1_prev} + {b12} × 기울기 → {m1}</translation>
    </message>
    <message>
        <source>slow average m2 = {b3t} × previous {m2_prev} + {b3t2} × gradient → {m2} (remembers about {b3t3} steps)</source>
        <translation>느린 평균 m2 = {b3t} × 이전 {m2_prev} + {b3t2} × 기울기 → {m2} (약 {b3t3} 걸음을 기억)</translation>
    </message>
    <message>
        <source>σ = √v / √(1 − {b2}^{t}) + eps → {sigma}; effective lr → {eff}</source>
        <translation>σ = √v / √(1 − {b2}^{t}) + eps → {sigma}; 실효 학습률 → {eff}</translation>
    </message>
    <message>
        <source>mix: m1 / (1 − {b1}^{t}) + alpha {alpha} × m2 → {mix}</source>
        <translation>혼합: m1 / (1 − {b1}^{t}) + alpha {alpha} × m2 → {mix}</translation>
    </message>
    <message>
        <source>weight decay: + {h_weight_decay} × point</source>
        <translation>가중치 감쇠: + {h_weight_decay} × 점</translation>
    </message>
    <message>
        <source>step: effective lr × mix = {eff_mix}, taken downhill</source>
        <translation>걸음: 실효 학습률 × 혼합 = {eff_mix}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>step size η = {eta}</source>
        <translation>걸음 크기 η = {eta}</translation>
    </message>
    <message>
        <source> (lr, at the first step)</source>
        <translation> (첫 걸음이므로 lr)</translation>
    </message>
    <message>
        <source>decay: point × (1 − {lambd} × η) = point × {lambd_eta}</source>
        <translation>감쇠: 점 × (1 − {lambd} × η) = 점 × {lambd_eta}</translation>
    </message>
    <message>
        <source>step: η × gradient = {eta_g}, taken downhill</source>
        <translation>걸음: η × 기울기 = {eta_g}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>running average of the points ax → {ax}</source>
        <translation>점들의 이동 평균 ax → {ax}</translation>
    </message>
    <message>
        <source>gradient flow: follow dθ/dt = −∇f for a time lr = {lr}, with infinitesimally small steps (solved to relative error {rtol:g}); the path bends with the surface instead of going straight</source>
        <translation>경사 흐름: 무한히 작은 걸음으로 시간 lr = {lr} 동안 dθ/dt = −∇f를 따라갑니다 (상대 오차 {rtol:g}까지 풂). 경로는 직선으로 가지 않고 곡면을 따라 휩니다</translation>
    </message>
    <message>
        <source>path length of the flow so far: {length}</source>
        <translation>지금까지 흐름의 경로 길이: {length}</translation>
    </message>
    <message>
        <source>gradient descent with the same lr from the same start: {gd_prev} → {gd} (dashed)</source>
        <translation>같은 출발점에서 같은 lr의 경사 하강법: {gd_prev} → {gd} (점선)</translation>
    </message>
    <message>
        <source>distance GD − flow = {gap_length}, {gap} of the path length (departs above {h_departure_tolerance})</source>
        <translation>거리 GD − 흐름 = {gap_length}, 경로 길이의 {gap} ({h_departure_tolerance}를 넘으면 벗어남)</translation>
    </message>
    <message>
        <source>gradient descent departs from the flow here, at step {departed}: its steps are no longer small for this curvature (lr × λ)</source>
        <translation>경사 하강법이 여기, 단계 {departed}에서 흐름을 벗어납니다: 이 곡률에 비해 걸음이 더는 작지 않습니다 (lr × λ)</translation>
    </message>
    <message>
        <source>gradient descent departed from the flow at step {departed}</source>
        <translation>경사 하강법은 단계 {departed}에서 흐름을 벗어났습니다</translation>
    </message>
    <message>
        <source>a strong-Wolfe line search</source>
        <translation>강한 Wolfe 선 탐색</translation>
    </message>
    <message>
        <source>fixed step lengths lr = {lr}</source>
        <translation>고정 걸음 길이 lr = {lr}</translation>
    </message>
    <message>
        <source>|gradient| is below tolerance_grad {h_tolerance_grad}: no iteration, {evals} function evaluation</source>
        <translation>|기울기|가 tolerance_grad {h_tolerance_grad}보다 작음: 반복 없음, 함수 계산 {evals}번</translation>
    </message>
    <message>
        <source>{iterations} inner iteration{s_iterations} with {search}, {evals} function evaluation{s_evals} in this step (at most {h_max_iter} iterations, {h_max_eval_or} evaluations)</source>
        <translation>이번 걸음에서 {search}(으)로 내부 반복 {iterations}번, 함수 계산 {evals}번 (최대 반복 {h_max_iter}번, 계산 {h_max_eval_or}번)</translation>
    </message>
    <message>
        <source>memory: {memory} of at most {h_history_size} (step, gradient change) pairs; initial inverse-Hessian scale {h_diag}</source>
        <translation>메모리: (걸음, 기울기 변화) 쌍 최대 {h_history_size}개 중 {memory}개; 초기 역헤시안 스케일 {h_diag}</translation>
    </message>
    <message>
        <source>last direction d = −H × gradient → {d}</source>
        <translation>마지막 방향 d = −H × 기울기 → {d}</translation>
    </message>
    <message>
        <source>last step: t {t} × d = {t_d}</source>
        <translation>마지막 걸음: t {t} × d = {t_d}</translation>
    </message>
    <message>
        <source>interpolation c = {b1} × momentum {m_prev} + {b12} × gradient → {c}</source>
        <translation>보간 c = {b1} × 모멘텀 {m_prev} + {b12} × 기울기 → {c}</translation>
    </message>
    <message>
        <source>only the sign of c is kept: sign(c) = {s}, so every coordinate moves by lr = {lr} whatever the gradient&apos;s size</source>
        <translation>c의 부호만 남깁니다: sign(c) = {s}. 그래서 기울기 크기와 상관없이 모든 좌표가 lr = {lr}만큼 움직입니다</translation>
    </message>
    <message>
        <source>step: lr × sign(c) = {lr_s}, taken downhill</source>
        <translation>걸음: lr × sign(c) = {lr_s}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>then momentum m = {b2} × previous + {b22} × gradient → {m} (used from the next step on)</source>
        <translation>그다음 모멘텀 m = {b2} × 이전 + {b22} × 기울기 → {m} (다음 걸음부터 사용)</translation>
    </message>
    <message>
        <source>Lookahead: fast step {before_la_step} of {h_la_steps} by {inner_spec_title}</source>
        <translation>Lookahead: {inner_spec_title}의 빠른 걸음 {h_la_steps}번 중 {before_la_step}번째</translation>
    </message>
    <message>
        <source>synchronize: slow weights {slow_prev} move {h_la_alpha} of the way to the fast ones {fast} → {slow}; the fast weights restart there</source>
        <translation>동기화: 느린 가중치 {slow_prev}가 빠른 가중치 {fast} 쪽으로 거리의 {h_la_alpha}만큼 이동 → {slow}; 빠른 가중치는 거기서 다시 시작</translation>
    </message>
    <message>
        <source>the inner momentum buffer is reset to zero</source>
        <translation>내부 모멘텀 버퍼를 0으로 초기화합니다</translation>
    </message>
    <message>
        <source>slow weights stay at {slow} until step {h_la_steps} of this round</source>
        <translation>이번 회차의 {h_la_steps}번째 걸음까지 느린 가중치는 {slow}에 머뭅니다</translation>
    </message>
    <message>
        <source>momentum schedule: μ_t = {mu}, μ_t+1 = {mu_next}, product of μ so far = {mu_product}</source>
        <translation>모멘텀 스케줄: μ_t = {mu}, μ_t+1 = {mu_next}, 지금까지 μ의 곱 = {mu_product}</translation>
    </message>
    <message>
        <source>σ = √(v / (1 − {b2}^{t})) + eps → {sigma}</source>
        <translation>σ = √(v / (1 − {b2}^{t})) + eps → {sigma}</translation>
    </message>
    <message>
        <source>gradient part: lr × (1 − μ_t) / (1 − product) = {w_grad} × gradient / σ → {grad_part}</source>
        <translation>기울기 부분: lr × (1 − μ_t) / (1 − 곱) = {w_grad} × 기울기 / σ → {grad_part}</translation>
    </message>
    <message>
        <source>momentum part: lr × μ_t+1 / (1 − product × μ_t+1) = {w_mom} × m / σ → {mom_part}</source>
        <translation>모멘텀 부분: lr × μ_t+1 / (1 − 곱 × μ_t+1) = {w_mom} × m / σ → {mom_part}</translation>
    </message>
    <message>
        <source>step: gradient part + momentum part, taken downhill</source>
        <translation>걸음: 기울기 부분 + 모멘텀 부분, 내리막 방향으로</translation>
    </message>
    <message>
        <source>weight decay: gradient + {wd} × point {p} → {gw}</source>
        <translation>가중치 감쇠: 기울기 + {wd} × 점 {p} → {gw}</translation>
    </message>
    <message>
        <source>decoupled weight decay: point × (1 − lr × {wd}) = point × {shrink} → {p_decayed}</source>
        <translation>분리된 가중치 감쇠: 점 × (1 − lr × {wd}) = 점 × {shrink} → {p_decayed}</translation>
    </message>
    <message>
        <source>first moment m = {beta1} × previous {prev} + {beta12} × gradient → {now}</source>
        <translation>1차 모멘트 m = {beta1} × 이전 {prev} + {beta12} × 기울기 → {now}</translation>
    </message>
    <message>
        <source>second moment v</source>
        <translation>2차 모멘트 v</translation>
    </message>
    <message>
        <source>{symbol} = {decay} × previous {prev} + {decay2} × gradient² {g_g} → {now}</source>
        <translation>{symbol} = {decay} × 이전 {prev} + {decay2} × 기울기² {g_g} → {now}</translation>
    </message>
    <message>
        <source> (indefinite: a saddle-like region)</source>
        <translation> (부정부호: 안장점 같은 영역)</translation>
    </message>
    <message>
        <source> (negative: a hilltop)</source>
        <translation> (음수: 언덕 꼭대기)</translation>
    </message>
    <message>
        <source>Hessian eigenvalues at the point: {lam}</source>
        <translation>이 점에서 헤시안의 고유값: {lam}</translation>
    </message>
    <message>
        <source>a negative eigenvalue is taken as its absolute value, so the step goes downhill along that direction instead of climbing to the stationary point</source>
        <translation>음수 고유값은 절댓값으로 바꿔 씁니다. 그래서 걸음은 그 방향으로 정류점을 향해 오르는 대신 내리막으로 갑니다</translation>
    </message>
    <message>
        <source>curvatures used c = max(|λ| + damping {h_damping}, {h_min_curvature}) → {curv}</source>
        <translation>사용한 곡률 c = max(|λ| + 감쇠 {h_damping}, {h_min_curvature}) → {curv}</translation>
    </message>
    <message>
        <source>Newton direction: the gradient divided by the curvature along each eigenvector → {d}</source>
        <translation>뉴턴 방향: 고유벡터마다 기울기를 그 방향의 곡률로 나눔 → {d}</translation>
    </message>
    <message>
        <source>step: lr {lr} × direction = {step}, taken downhill</source>
        <translation>걸음: lr {lr} × 방향 = {step}, 내리막 방향으로</translation>
    </message>
    <message>
        <source> (lr 1: the full Newton step)</source>
        <translation> (lr 1: 뉴턴 걸음 전체)</translation>
    </message>
    <message>
        <source>step size dlr = d × lr = {d} × {lr}</source>
        <translation>걸음 크기 dlr = d × lr = {d} × {lr}</translation>
    </message>
    <message>
        <source> × bias correction</source>
        <translation> × 편향 보정</translation>
    </message>
    <message>
        <source>m = {b1} × previous {m_prev} + d × {b12} × gradient → {m}</source>
        <translation>m = {b1} × 이전 {m_prev} + d × {b12} × 기울기 → {m}</translation>
    </message>
    <message>
        <source>v = {b2} × previous {v_prev} + d² × {b22} × gradient² → {v}</source>
        <translation>v = {b2} × 이전 {v_prev} + d² × {b22} × 기울기² → {v}</translation>
    </message>
    <message>
        <source>distance evidence: r = β3 × previous {r_prev} + (d / d0) dlr × ⟨gradient, start {p0} − point⟩ → {r}; Σ|s| = {s_sum}</source>
        <translation>거리 근거: r = β3 × 이전 {r_prev} + (d / d0) dlr × ⟨기울기, 출발점 {p0} − 점⟩ → {r}; Σ|s| = {s_sum}</translation>
    </message>
    <message>
        <source>Σ|s| is 0 (no gradient yet): d stays and the point does not move</source>
        <translation>Σ|s|가 0 (아직 기울기 없음): d는 그대로이고 점은 움직이지 않습니다</translation>
    </message>
    <message>
        <source>d estimate: max(d, d_coef × r / Σ|s|) → d = {d}</source>
        <translation>d 추정: max(d, d_coef × r / Σ|s|) → d = {d}</translation>
    </message>
    <message>
        <source> (grew)</source>
        <translation> (커짐)</translation>
    </message>
    <message>
        <source> (unchanged)</source>
        <translation> (그대로)</translation>
    </message>
    <message>
        <source>σ = √v / d + eps → {sigma}; effective lr = dlr / σ → {eff}</source>
        <translation>σ = √v / d + eps → {sigma}; 실효 학습률 = dlr / σ → {eff}</translation>
    </message>
    <message>
        <source>step: effective lr × {what} = {step}, taken downhill</source>
        <translation>걸음: 실효 학습률 × {what} = {step}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>기울기</translation>
    </message>
    <message>
        <source>step: none</source>
        <translation>걸음: 없음</translation>
    </message>
    <message>
        <source>bias correction (t = {t}): m_hat = m / {bc1} → {m_hat}</source>
        <translation>편향 보정 (t = {t}): m_hat = m / {bc1} → {m_hat}</translation>
    </message>
    <message>
        <source>variance is trustworthy (ρ_t = {rho_t} &gt; 5): rectification r = {rect}; effective lr per coordinate = lr × r × √(1 − {b2}^{t}) / (√v + eps) → {eff}</source>
        <translation>분산을 믿을 수 있음 (ρ_t = {rho_t} &gt; 5): 보정 r = {rect}; 좌표별 실효 학습률 = lr × r × √(1 − {b2}^{t}) / (√v + eps) → {eff}</translation>
    </message>
    <message>
        <source>too few steps for a trustworthy variance (ρ_t = {rho_t} ≤ 5): no adaptive scale, a plain momentum step</source>
        <translation>분산을 믿기에는 걸음이 너무 적음 (ρ_t = {rho_t} ≤ 5): 적응적 스케일 없이 일반 모멘텀 걸음</translation>
    </message>
    <message>
        <source>step: effective lr × m_hat = {step}, taken downhill</source>
        <translation>걸음: 실효 학습률 × m_hat = {step}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>mean gradient = {alpha} × previous {m_prev} + {alpha2} × gradient → {m}</source>
        <translation>평균 기울기 = {alpha} × 이전 {m_prev} + {alpha2} × 기울기 → {m}</translation>
    </message>
    <message>
        <source>σ = √(v − mean²) + eps (centered) → {sigma}</source>
        <translation>σ = √(v − 평균²) + eps (중심화) → {sigma}</translation>
    </message>
    <message>
        <source>σ = √v + eps → {sigma}</source>
        <translation>σ = √v + eps → {sigma}</translation>
    </message>
    <message>
        <source>velocity = momentum {mu} × previous {b_prev} + gradient / σ {g_sigma} → {b}</source>
        <translation>속도 = 모멘텀 {mu} × 이전 {b_prev} + 기울기 / σ {g_sigma} → {b}</translation>
    </message>
    <message>
        <source>step: lr {lr} × velocity = {lr_b}, taken downhill</source>
        <translation>걸음: lr {lr} × 속도 = {lr_b}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>step sizes start at lr {lr}</source>
        <translation>걸음 크기는 lr {lr}에서 시작합니다</translation>
    </message>
    <message>
        <source>same sign: × {factor}</source>
        <translation>부호 같음: × {factor}</translation>
    </message>
    <message>
        <source>sign flipped: × {factor}</source>
        <translation>부호 바뀜: × {factor}</translation>
    </message>
    <message>
        <source>no previous sign: × 1</source>
        <translation>이전 부호 없음: × 1</translation>
    </message>
    <message>
        <source>gradient sign against the previous one: x {words}, y {words2}</source>
        <translation>이전과 비교한 기울기 부호: x {words}, y {words2}</translation>
    </message>
    <message>
        <source>step sizes {before} → {after} (kept within {h_step_sizes} … {h_step_sizes2})</source>
        <translation>걸음 크기 {before} → {after} ({h_step_sizes} … {h_step_sizes2} 범위 안으로 유지)</translation>
    </message>
    <message>
        <source>where the sign flipped the coordinate stays put this step (the gradient is taken as 0)</source>
        <translation>부호가 바뀐 좌표는 이번 걸음에 움직이지 않습니다 (기울기를 0으로 봄)</translation>
    </message>
    <message>
        <source>step: −sign(gradient) × step size = {move}</source>
        <translation>걸음: −sign(기울기) × 걸음 크기 = {move}</translation>
    </message>
    <message>
        <source>z (plain steps) = previous {z_prev} − lr {lr} × {what} → {z}</source>
        <translation>z (일반 걸음) = 이전 {z_prev} − lr {lr} × {what} → {z}</translation>
    </message>
    <message>
        <source>averaging weight c = {ckp1}: y moves to (1 − c) y + c z = {ckp1_p_ckp1}, then by lr × ({beta} (1 − c) − 1) × {what}</source>
        <translation>평균 가중치 c = {ckp1}: y는 (1 − c) y + c z = {ckp1_p_ckp1}로 옮긴 뒤, lr × ({beta} (1 − c) − 1) × {what}만큼 더 움직입니다</translation>
    </message>
    <message>
        <source>step of y (where the next gradient is taken): {y_p}</source>
        <translation>y의 걸음 (다음 기울기를 계산하는 곳): {y_p}</translation>
    </message>
    <message>
        <source>evaluated point x (the average of the z&apos;s) → {x}</source>
        <translation>평가점 x (z들의 평균) → {x}</translation>
    </message>
    <message>
        <source>v = {b2} × previous {v_prev} + {b22} × gradient² → {v}</source>
        <translation>v = {b2} × 이전 {v_prev} + {b22} × 기울기² → {v}</translation>
    </message>
    <message>
        <source>σ = √(v / (1 − {b2}^{t})) + eps → {sigma}; normalized gradient g / σ → {direction}</source>
        <translation>σ = √(v / (1 − {b2}^{t})) + eps → {sigma}; 정규화된 기울기 g / σ → {direction}</translation>
    </message>
    <message>
        <source>+ weight decay {h_weight_decay} × y → {direction}</source>
        <translation>+ 가중치 감쇠 {h_weight_decay} × y → {direction}</translation>
    </message>
    <message>
        <source>normalized gradient</source>
        <translation>정규화된 기울기</translation>
    </message>
    <message>
        <source>step: lr {lr} × gradient {g} = {lr_g}, taken downhill</source>
        <translation>걸음: lr {lr} × 기울기 {g} = {lr_g}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>velocity starts as the gradient → {b}</source>
        <translation>속도는 기울기에서 시작합니다 → {b}</translation>
    </message>
    <message>
        <source>(1 − {damp}) × gradient</source>
        <translation>(1 − {damp}) × 기울기</translation>
    </message>
    <message>
        <source>velocity = momentum {mu} × previous {b_prev} + {part} → {b}</source>
        <translation>속도 = 모멘텀 {mu} × 이전 {b_prev} + {part} → {b}</translation>
    </message>
    <message>
        <source>Nesterov look-ahead: gradient + {mu} × velocity → direction {d}</source>
        <translation>네스테로프 앞서 보기: 기울기 + {mu} × 속도 → 방향 {d}</translation>
    </message>
    <message>
        <source>step: lr {lr} × direction = {lr_d}, taken downhill</source>
        <translation>걸음: lr {lr} × 방향 = {lr_d}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>decoupled weight decay: point × (1 − lr × {wd}) → {p_lr_wd}</source>
        <translation>분리된 가중치 감쇠: 점 × (1 − lr × {wd}) → {p_lr_wd}</translation>
    </message>
    <message>
        <source>curvature estimate h {h_prev} ({h_hessian} diagonal, refreshed every {h_hessian_interval} steps); denominator rho × bs × h = {denom_tiny}</source>
        <translation>곡률 추정 h {h_prev} ({h_hessian} 대각, {h_hessian_interval} 걸음마다 갱신); 분모 rho × bs × h = {denom_tiny}</translation>
    </message>
    <message>
        <source>ratio |m| / denominator, clipped at 1 → {ratio}</source>
        <translation>비율 |m| / 분모, 1에서 잘라냄 → {ratio}</translation>
    </message>
    <message>
        <source> (clipped: {which})</source>
        <translation> (잘린 좌표: {which})</translation>
    </message>
    <message>
        <source> (none clipped: a Newton-like step)</source>
        <translation> (잘린 좌표 없음: 뉴턴 같은 걸음)</translation>
    </message>
    <message>
        <source>step: lr × sign(m) × ratio = {lr_sign_m}, taken downhill</source>
        <translation>걸음: lr × sign(m) × 비율 = {lr_sign_m}, 내리막 방향으로</translation>
    </message>
    <message>
        <source>after the step: h = {b2} × h + {b22} × estimate at the new point → {h_now}</source>
        <translation>걸음 뒤: h = {b2} × h + {b22} × 새 점에서의 추정 → {h_now}</translation>
    </message>
    <message>
        <source>Step {k} → {k2}: {who}</source>
        <translation>단계 {k} → {k2}: {who}</translation>
    </message>
    <message>
        <source>at point {before_point}: loss {before_loss}</source>
        <translation>점 {before_point}에서: 손실 {before_loss}</translation>
    </message>
    <message>
        <source>learning rate {lr} = base {optimizer_lr} × schedule {factor}</source>
        <translation>학습률 {lr} = 기본 {optimizer_lr} × 스케줄 {factor}</translation>
    </message>
    <message>
        <source>learning rate {lr}</source>
        <translation>학습률 {lr}</translation>
    </message>
    <message>
        <source>gradient {before_grad} + noise {noise} → gradient used {g_used}</source>
        <translation>기울기 {before_grad} + 잡음 {noise} → 사용한 기울기 {g_used}</translation>
    </message>
    <message>
        <source>gradient {g_used}</source>
        <translation>기울기 {g_used}</translation>
    </message>
    <message>
        <source>move {update}</source>
        <translation>이동 {update}</translation>
    </message>
    <message>
        <source>this run blew up at step {before_diverged_at}: the point stays frozen at its last good position (the optimizer would move {proposed_update})</source>
        <translation>이 실행은 단계 {before_diverged_at}에서 폭발했습니다: 점은 마지막으로 멀쩡했던 위치에 멈춰 있습니다 (옵티마이저라면 {proposed_update}만큼 움직였을 것)</translation>
    </message>
    <message>
        <source>blow-up: the move {proposed_update} lands where the loss is {proposed_loss} (not finite or above {blowup}), so the run diverged at step {k} and the point stays where it was</source>
        <translation>폭발: 이동 {proposed_update}는 손실이 {proposed_loss}인 곳 (유한하지 않거나 {blowup}보다 큼)에 떨어지므로, 이 실행은 단계 {k}에서 발산했고 점은 제자리에 머뭅니다</translation>
    </message>
    <message>
        <source>f is undefined or infinite at {before_point}, so there is no gradient to follow and the run is marked diverged at step {before_diverged_at}: move the start point into the region where the surface is drawn</source>
        <translation>{before_point}에서 f가 정의되지 않거나 무한대라서 따라갈 기울기가 없고, 이 실행은 단계 {before_diverged_at}에서 발산으로 표시됩니다: 시작점을 곡면이 그려진 영역 안으로 옮기세요</translation>
    </message>
    <message>
        <source>new point {point}: loss {loss} (down {change})</source>
        <translation>새 점 {point}: 손실 {loss} ({change} 감소)</translation>
    </message>
    <message>
        <source>new point {point}: loss {loss} (up {change})</source>
        <translation>새 점 {point}: 손실 {loss} ({change} 증가)</translation>
    </message>
    <message>
        <source>new point {point}: loss {loss} (unchanged)</source>
        <translation>새 점 {point}: 손실 {loss} (변화 없음)</translation>
    </message>
</context>
<context>
    <name>overlay</name>
    <message>
        <source>actual size</source>
        <translation>실제 크기</translation>
    </message>
    <message>
        <source>−gradient ({scale})</source>
        <translation>−기울기 ({scale})</translation>
    </message>
    <message>
        <source>−first moment m</source>
        <translation>−1차 모멘트 m</translation>
    </message>
    <message>
        <source>−velocity</source>
        <translation>−속도</translation>
    </message>
    <message>
        <source>−velocity (g/σ units)</source>
        <translation>−속도 (g/σ 단위)</translation>
    </message>
    <message>
        <source>update ({scale})</source>
        <translation>이동 ({scale})</translation>
    </message>
    <message>
        <source>σ per coordinate ({scale})</source>
        <translation>좌표별 σ ({scale})</translation>
    </message>
</context>
<context>
    <name>params</name>
    <message>
        <source>number of updates each optimizer makes from each start point</source>
        <translation>옵티마이저마다, 시작점마다 하는 업데이트 횟수</translation>
    </message>
    <message>
        <source>std. dev. of Gaussian noise added to every gradient (like mini-batches)</source>
        <translation>모든 기울기에 더하는 가우스 잡음의 표준편차 (미니배치처럼)</translation>
    </message>
    <message>
        <source>seed of the gradient noise: the same seed gives the same run</source>
        <translation>기울기 잡음의 시드: 같은 시드면 같은 실행</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>curvature (Hessian eigenvalue) along the first axis</source>
        <translation>첫째 축 방향의 곡률 (헤시안 고유값)</translation>
    </message>
    <message>
        <source>curvature (Hessian eigenvalue) along the second axis</source>
        <translation>둘째 축 방향의 곡률 (헤시안 고유값)</translation>
    </message>
    <message>
        <source>rotation of the axes, in degrees</source>
        <translation>축의 회전 각도 (도)</translation>
    </message>
    <message>
        <source>x of the minimum</source>
        <translation>최솟값의 x</translation>
    </message>
    <message>
        <source>y of the minimum</source>
        <translation>최솟값의 y</translation>
    </message>
    <message>
        <source>the minimum is at (a, a^2)</source>
        <translation>최솟값은 (a, a^2)에 있음</translation>
    </message>
    <message>
        <source>steepness of the valley walls</source>
        <translation>골짜기 벽의 가파름</translation>
    </message>
    <message>
        <source>height of the bumps</source>
        <translation>혹의 높이</translation>
    </message>
    <message>
        <source>depth of the funnel</source>
        <translation>깔때기의 깊이</translation>
    </message>
    <message>
        <source>how fast the funnel narrows</source>
        <translation>깔때기가 좁아지는 빠르기</translation>
    </message>
    <message>
        <source>frequency of the dimples</source>
        <translation>오목한 곳의 빈도</translation>
    </message>
    <message>
        <source>curvature along the valley: f grows like a x^2</source>
        <translation>골짜기를 따라가는 곡률: f는 a x^2처럼 커짐</translation>
    </message>
    <message>
        <source>steepness of the valley walls (|df/dy| far from the floor)</source>
        <translation>골짜기 벽의 가파름 (바닥에서 먼 곳의 |df/dy|)</translation>
    </message>
    <message>
        <source>width over which the smooth floor rounds off the kink</source>
        <translation>매끄러운 바닥이 꺾인 곳을 둥글게 다듬는 폭</translation>
    </message>
    <message>
        <source>feature values are spread over [0, feature_scale)</source>
        <translation>특성 값은 [0, feature_scale) 범위에 퍼짐</translation>
    </message>
    <message>
        <source>number of data points</source>
        <translation>데이터 점의 개수</translation>
    </message>
    <message>
        <source>random seed of the data set</source>
        <translation>데이터 집합의 난수 시드</translation>
    </message>
    <message>
        <source>rescale the feature to mean 0 and standard deviation 1 before fitting</source>
        <translation>맞추기 전에 특성을 평균 0, 표준편차 1로 다시 조정</translation>
    </message>
    <message>
        <source>standard deviation of the noise in y</source>
        <translation>y에 섞인 잡음의 표준편차</translation>
    </message>
    <message>
        <source>slope of the line the data come from</source>
        <translation>데이터를 만든 직선의 기울기</translation>
    </message>
    <message>
        <source>intercept of the line the data come from</source>
        <translation>데이터를 만든 직선의 절편</translation>
    </message>
    <message>
        <source>the hidden units&apos; activation function</source>
        <translation>은닉 유닛의 활성화 함수</translation>
    </message>
    <message>
        <source>the two free weights: w1_b1 = hidden unit 1&apos;s input weight and bias, w1_w2 = both input weights, v1_v2 = both output weights, w1_v1 = unit 1&apos;s input and output weight</source>
        <translation>자유 가중치 두 개: w1_b1 = 은닉 유닛 1의 입력 가중치와 편향, w1_w2 = 두 입력 가중치, v1_v2 = 두 출력 가중치, w1_v1 = 유닛 1의 입력과 출력 가중치</translation>
    </message>
    <message>
        <source>random seed of the 8 data inputs</source>
        <translation>데이터 입력 8개의 난수 시드</translation>
    </message>
    <message>
        <source>f(x, y), e.g. (1-x)^2 + 100*(y-x^2)^2; ^ or ** for powers</source>
        <translation>f(x, y), 예: (1-x)^2 + 100*(y-x^2)^2; 거듭제곱은 ^ 또는 **</translation>
    </message>
    <message>
        <source>left edge of the view</source>
        <translation>보기 영역의 왼쪽 끝</translation>
    </message>
    <message>
        <source>right edge of the view</source>
        <translation>보기 영역의 오른쪽 끝</translation>
    </message>
    <message>
        <source>bottom edge of the view</source>
        <translation>보기 영역의 아래쪽 끝</translation>
    </message>
    <message>
        <source>top edge of the view</source>
        <translation>보기 영역의 위쪽 끝</translation>
    </message>
    <message>
        <source>learning rate: the step is lr times the (scaled) gradient</source>
        <translation>학습률: 걸음은 lr 곱하기 (스케일한) 기울기</translation>
    </message>
    <message>
        <source>L2 penalty: adds weight_decay * params to the gradient</source>
        <translation>L2 벌점: 기울기에 weight_decay * params를 더함</translation>
    </message>
    <message>
        <source>fraction of the previous step kept in the velocity buffer</source>
        <translation>속도 버퍼에 남기는 이전 걸음의 비율</translation>
    </message>
    <message>
        <source>fraction of the new gradient left out of the velocity buffer</source>
        <translation>속도 버퍼에 넣지 않는 새 기울기의 비율</translation>
    </message>
    <message>
        <source>Nesterov&apos;s look-ahead: step along g + momentum * buffer</source>
        <translation>네스테로프의 앞서 보기: g + momentum * buffer 방향으로 걸음</translation>
    </message>
    <message>
        <source>the step is lr / (1 + (t - 1) * lr_decay)</source>
        <translation>걸음은 lr / (1 + (t - 1) * lr_decay)</translation>
    </message>
    <message>
        <source>starting value of the sum of squared gradients</source>
        <translation>기울기 제곱 합의 시작값</translation>
    </message>
    <message>
        <source>added to the denominator so it is never zero</source>
        <translation>분모가 0이 되지 않도록 더하는 값</translation>
    </message>
    <message>
        <source>divide by the root MEAN square of past gradients (the lecture&apos;s sigma_t) instead of torch&apos;s root of their SUM</source>
        <translation>torch의 합의 제곱근 대신 지난 기울기의 제곱평균제곱근 (강의의 sigma_t)으로 나눔</translation>
    </message>
    <message>
        <source>smoothing constant of the moving average of g^2</source>
        <translation>g^2 이동 평균의 평활 상수</translation>
    </message>
    <message>
        <source>divide by an estimate of the gradient&apos;s variance instead of its raw square</source>
        <translation>기울기의 제곱 대신 기울기 분산의 추정값으로 나눔</translation>
    </message>
    <message>
        <source>decay rates of the first (mean) and second (uncentered variance) moments</source>
        <translation>1차 (평균)와 2차 (중심화하지 않은 분산) 모멘트의 감쇠율</translation>
    </message>
    <message>
        <source>use the running maximum of the second moment (AMSGrad)</source>
        <translation>2차 모멘트의 누적 최댓값 사용 (AMSGrad)</translation>
    </message>
    <message>
        <source>divide m and v by (1 - beta^t), which undoes their start at zero; off (not in torch) makes the first steps about 3 times lr with the default betas</source>
        <translation>m과 v를 (1 - beta^t)로 나누어 0에서 시작한 영향을 없앰; 끄면 (torch에는 없음) 기본 betas에서 처음 걸음이 lr의 약 3배</translation>
    </message>
    <message>
        <source>decoupled decay: p shrinks by lr * weight_decay each step</source>
        <translation>분리된 감쇠: 걸음마다 p가 lr * weight_decay만큼 줄어듦</translation>
    </message>
    <message>
        <source>how fast the momentum schedule mu_t approaches beta1</source>
        <translation>모멘텀 스케줄 mu_t가 beta1에 다가가는 빠르기</translation>
    </message>
    <message>
        <source>decay the point itself, p = p (1 - lr weight_decay) (AdamW&apos;s way), instead of adding weight_decay * p to the gradient</source>
        <translation>기울기에 weight_decay * p를 더하는 대신 점 자체를 감쇠, p = p (1 - lr weight_decay) (AdamW 방식)</translation>
    </message>
    <message>
        <source>decay of the moving averages of g^2 and of the squared steps</source>
        <translation>g^2과 걸음 제곱의 이동 평균의 감쇠</translation>
    </message>
    <message>
        <source>(etaminus, etaplus): step-size factors when the gradient&apos;s sign flips / stays</source>
        <translation>(etaminus, etaplus): 기울기 부호가 바뀔 때 / 그대로일 때의 걸음 크기 배율</translation>
    </message>
    <message>
        <source>(min, max): the step sizes stay within these</source>
        <translation>(min, max): 걸음 크기는 이 범위 안에 머묾</translation>
    </message>
    <message>
        <source>decay term: p shrinks by lambd * eta every step, and eta decays as (1 + lambd lr t)^-alpha</source>
        <translation>감쇠 항: 걸음마다 p가 lambd * eta만큼 줄고, eta는 (1 + lambd lr t)^-alpha로 감쇠</translation>
    </message>
    <message>
        <source>power of the step-size decay</source>
        <translation>걸음 크기 감쇠의 지수</translation>
    </message>
    <message>
        <source>step from which the points are averaged (ax)</source>
        <translation>점들을 평균 내기 시작하는 단계 (ax)</translation>
    </message>
    <message>
        <source>inner iterations per step (each moves the point)</source>
        <translation>걸음마다 내부 반복 횟수 (반복마다 점이 움직임)</translation>
    </message>
    <message>
        <source>function evaluations per step; 0: torch&apos;s default max_iter * 5 // 4</source>
        <translation>걸음마다 함수 계산 횟수; 0: torch 기본값 max_iter * 5 // 4</translation>
    </message>
    <message>
        <source>a step stops once max |gradient| is at most this</source>
        <translation>max |기울기|가 이 값 이하가 되면 걸음을 멈춤</translation>
    </message>
    <message>
        <source>a step stops once the loss or the move changes by less than this</source>
        <translation>손실이나 이동의 변화가 이보다 작으면 걸음을 멈춤</translation>
    </message>
    <message>
        <source>how many past (step, gradient change) pairs approximate the inverse Hessian</source>
        <translation>역헤시안을 근사하는 데 쓰는 과거 (걸음, 기울기 변화) 쌍의 개수</translation>
    </message>
    <message>
        <source>&apos;strong_wolfe&apos;: choose each step length by a line search (torch&apos;s None is &apos;none&apos;)</source>
        <translation>&apos;strong_wolfe&apos;: 선 탐색으로 걸음 길이를 정함 (torch의 None은 &apos;none&apos;)</translation>
    </message>
    <message>
        <source>beta1 mixes momentum and gradient for the sign; beta2 is the momentum&apos;s decay</source>
        <translation>beta1은 부호를 정할 때 모멘텀과 기울기를 섞고, beta2는 모멘텀의 감쇠</translation>
    </message>
    <message>
        <source>added to s each step and to the denominator (the reference&apos;s default 1e-16; 1e-8 for SGD-like tasks)</source>
        <translation>걸음마다 s와 분모에 더함 (원 구현의 기본값 1e-16; SGD 같은 문제에는 1e-8)</translation>
    </message>
    <message>
        <source>weight decay: decoupled (p shrinks) or added to the gradient, see weight_decouple</source>
        <translation>가중치 감쇠: 분리 (p가 줄어듦) 또는 기울기에 더함, weight_decouple 참고</translation>
    </message>
    <message>
        <source>decoupled weight decay as in AdamW (the reference&apos;s default) instead of an L2 term in the gradient</source>
        <translation>기울기 안의 L2 항 대신 AdamW처럼 분리된 가중치 감쇠 (원 구현의 기본값)</translation>
    </message>
    <message>
        <source>with weight_decouple: shrink p by weight_decay, not by lr * weight_decay</source>
        <translation>weight_decouple일 때: p를 lr * weight_decay가 아니라 weight_decay만큼 줄임</translation>
    </message>
    <message>
        <source>RAdam&apos;s rectification of the step while s is estimated from few gradients</source>
        <translation>s를 적은 기울기로 추정하는 동안 걸음을 보정하는 RAdam의 방식</translation>
    </message>
    <message>
        <source>with rectify: take momentum steps (no division) while the variance estimate is unreliable</source>
        <translation>rectify일 때: 분산 추정을 믿을 수 없는 동안 (나누지 않고) 모멘텀 걸음을 걸음</translation>
    </message>
    <message>
        <source>weights of the old values in the averages of the gradient, of its change and of the squared corrected gradient (the paper&apos;s 1 - beta)</source>
        <translation>기울기, 기울기 변화, 보정된 기울기 제곱의 평균에서 옛 값의 가중치 (논문의 1 - beta)</translation>
    </message>
    <message>
        <source>decoupled decay: p / (1 + lr weight_decay) after the step</source>
        <translation>분리된 감쇠: 걸음 뒤에 p / (1 + lr weight_decay)</translation>
    </message>
    <message>
        <source>clip |g| of each point to this (0: no clipping)</source>
        <translation>점마다 |g|를 이 값으로 자름 (0: 자르지 않음)</translation>
    </message>
    <message>
        <source>decay as p (1 - lr weight_decay) before the step instead of dividing after</source>
        <translation>걸음 뒤에 나누는 대신 걸음 앞에서 p (1 - lr weight_decay)로 감쇠</translation>
    </message>
    <message>
        <source>decays of the fast average m1, of v (g^2) and of the slow average m2</source>
        <translation>빠른 평균 m1, v (g^2), 느린 평균 m2의 감쇠</translation>
    </message>
    <message>
        <source>weight of the slow average m2 in the step</source>
        <translation>걸음에서 느린 평균 m2의 가중치</translation>
    </message>
    <message>
        <source>steps over which beta3&apos;s half-life grows to its value (0: none, the reference&apos;s None)</source>
        <translation>beta3의 반감기가 제 값까지 커지는 단계 수 (0: 없음, 원 구현의 None)</translation>
    </message>
    <message>
        <source>steps over which alpha grows to its value (0: none, the reference&apos;s None)</source>
        <translation>alpha가 제 값까지 커지는 단계 수 (0: 없음, 원 구현의 None)</translation>
    </message>
    <message>
        <source>AdamW-like decay: weight_decay * p is added to the step</source>
        <translation>AdamW 같은 감쇠: 걸음에 weight_decay * p를 더함</translation>
    </message>
    <message>
        <source>decay of the sums that estimate d; 0 means sqrt(beta2) (the reference&apos;s None)</source>
        <translation>d를 추정하는 합들의 감쇠; 0은 sqrt(beta2) (원 구현의 None)</translation>
    </message>
    <message>
        <source>added to sqrt(v) / d, the denominator of the step</source>
        <translation>걸음의 분모 sqrt(v) / d에 더하는 값</translation>
    </message>
    <message>
        <source>weight decay: decoupled (p shrinks by weight_decay * dlr) or in the gradient, see decouple</source>
        <translation>가중치 감쇠: 분리 (p가 weight_decay * dlr만큼 줄어듦) 또는 기울기 안에, decouple 참고</translation>
    </message>
    <message>
        <source>AdamW-style decoupled weight decay</source>
        <translation>AdamW 방식의 분리된 가중치 감쇠</translation>
    </message>
    <message>
        <source>Adam&apos;s bias correction in the step size (off in the reference by default)</source>
        <translation>걸음 크기에 Adam의 편향 보정 적용 (원 구현에서는 기본으로 꺼짐)</translation>
    </message>
    <message>
        <source>leave lr out of the d estimate&apos;s sums (for schedules with warm-up)</source>
        <translation>d 추정의 합에서 lr을 뺌 (워밍업이 있는 스케줄용)</translation>
    </message>
    <message>
        <source>the first distance estimate; d only grows from it</source>
        <translation>첫 거리 추정값; d는 여기서부터 커지기만 함</translation>
    </message>
    <message>
        <source>multiplies every estimate of d: the knob to tune (0.5 or 2 also work)</source>
        <translation>d의 모든 추정값에 곱함: 조정할 손잡이 (0.5나 2도 됨)</translation>
    </message>
    <message>
        <source>largest factor by which d may grow per step; 0 means unrestricted (the reference&apos;s inf)</source>
        <translation>걸음마다 d가 커질 수 있는 최대 배율; 0은 제한 없음 (원 구현의 inf)</translation>
    </message>
    <message>
        <source>weight decay at y, added to the (normalized) gradient</source>
        <translation>y에서의 가중치 감쇠, (정규화된) 기울기에 더함</translation>
    </message>
    <message>
        <source>linear warm-up of lr over this many steps, inside the optimizer</source>
        <translation>옵티마이저 안에서 이 단계 수만큼 lr을 선형 워밍업</translation>
    </message>
    <message>
        <source>the average weighs step k by (k + 1)^r (0: all alike)</source>
        <translation>평균에서 단계 k에 (k + 1)^r의 가중치 (0: 모두 같게)</translation>
    </message>
    <message>
        <source>the average weighs each step by lr_max^weight_lr_power (matters during warm-up)</source>
        <translation>평균에서 각 걸음에 lr_max^weight_lr_power의 가중치 (워밍업 동안 중요)</translation>
    </message>
    <message>
        <source>where y sits between z (0) and the average x (1)</source>
        <translation>y가 z (0)와 평균 x (1) 사이에서 놓이는 위치</translation>
    </message>
    <message>
        <source>decays of the momentum m and of the curvature estimate h</source>
        <translation>모멘텀 m과 곡률 추정 h의 감쇠</translation>
    </message>
    <message>
        <source>gamma: the step on an unclipped coordinate is lr * m / (rho * h)</source>
        <translation>gamma: 잘리지 않은 좌표의 걸음은 lr * m / (rho * h)</translation>
    </message>
    <message>
        <source>the reference&apos;s batch token count multiplying rho (1 for an exact Hessian)</source>
        <translation>rho에 곱하는 원 구현의 배치 토큰 수 (정확한 헤시안이면 1)</translation>
    </message>
    <message>
        <source>refresh the curvature estimate after every this many steps</source>
        <translation>이 단계 수마다 곡률 추정을 새로 함</translation>
    </message>
    <message>
        <source>the diagonal estimate: exact, or Hutchinson&apos;s u * (H u) with random signs u</source>
        <translation>대각 추정: 정확한 값, 또는 무작위 부호 u로 Hutchinson의 u * (H u)</translation>
    </message>
    <message>
        <source>seed of Hutchinson&apos;s random signs</source>
        <translation>Hutchinson 무작위 부호의 시드</translation>
    </message>
    <message>
        <source>added to every |eigenvalue| (Levenberg-Marquardt): shorter, more gradient-like steps</source>
        <translation>모든 |고유값|에 더함 (Levenberg-Marquardt): 더 짧고 기울기에 가까운 걸음</translation>
    </message>
    <message>
        <source>smallest curvature divided by (keeps steps finite where the surface is flat)</source>
        <translation>나눌 때 쓰는 가장 작은 곡률 (곡면이 평평한 곳에서 걸음이 유한하도록)</translation>
    </message>
    <message>
        <source>GD departs from the flow where their distance exceeds this fraction of the flow&apos;s path length</source>
        <translation>GD와 흐름 사이 거리가 흐름 경로 길이의 이 비율을 넘으면 GD가 흐름을 벗어난 것으로 봄</translation>
    </message>
    <message>
        <source>the inner optimizer whose steps are the fast weights</source>
        <translation>걸음이 빠른 가중치가 되는 내부 옵티마이저</translation>
    </message>
    <message>
        <source>k: inner steps between synchronizations</source>
        <translation>k: 동기화 사이의 내부 걸음 수</translation>
    </message>
    <message>
        <source>how far the slow weights move toward the fast ones (1: the inner optimizer alone)</source>
        <translation>느린 가중치가 빠른 가중치 쪽으로 움직이는 정도 (1: 내부 옵티마이저만)</translation>
    </message>
    <message>
        <source>at a synchronization: keep the inner momentum buffer, or zero it</source>
        <translation>동기화할 때: 내부 모멘텀 버퍼를 유지하거나 0으로 초기화</translation>
    </message>
    <message>
        <source>steps of linear warm-up before the decay starts (0: none)</source>
        <translation>감쇠가 시작되기 전 선형 워밍업 단계 수 (0: 없음)</translation>
    </message>
    <message>
        <source>factor at step 0 of the warm-up; it rises linearly to 1</source>
        <translation>워밍업 단계 0에서의 배율; 1까지 선형으로 오름</translation>
    </message>
    <message>
        <source>steps between decays</source>
        <translation>감쇠 사이의 단계 수</translation>
    </message>
    <message>
        <source>factor applied at each decay</source>
        <translation>감쇠할 때마다 곱하는 배율</translation>
    </message>
    <message>
        <source>factor applied every step</source>
        <translation>단계마다 곱하는 배율</translation>
    </message>
    <message>
        <source>how fast the factor falls</source>
        <translation>배율이 떨어지는 빠르기</translation>
    </message>
    <message>
        <source>steps over which the factor falls to min_factor (T); constant after</source>
        <translation>배율이 min_factor까지 떨어지는 단계 수 (T); 그 뒤로는 일정</translation>
    </message>
    <message>
        <source>the final factor</source>
        <translation>마지막 배율</translation>
    </message>
    <message>
        <source>the steps at which the factor is multiplied by gamma (comma-separated)</source>
        <translation>배율에 gamma를 곱하는 단계들 (쉼표로 구분)</translation>
    </message>
    <message>
        <source>factor applied at each milestone</source>
        <translation>각 이정표에서 곱하는 배율</translation>
    </message>
    <message>
        <source>steps over which the factor falls to 0 (T); 0 after</source>
        <translation>배율이 0까지 떨어지는 단계 수 (T); 그 뒤로는 0</translation>
    </message>
    <message>
        <source>1: linear; larger falls faster at first</source>
        <translation>1: 선형; 클수록 처음에 더 빨리 떨어짐</translation>
    </message>
    <message>
        <source>steps until the first restart</source>
        <translation>첫 재시작까지의 단계 수</translation>
    </message>
    <message>
        <source>each period is T_mult times longer than the one before</source>
        <translation>주기마다 앞 주기보다 T_mult배 길어짐</translation>
    </message>
    <message>
        <source>the lowest factor (torch&apos;s eta_min / lr)</source>
        <translation>가장 낮은 배율 (torch의 eta_min / lr)</translation>
    </message>
    <message>
        <source>length of the cycle</source>
        <translation>주기의 길이</translation>
    </message>
    <message>
        <source>fraction of the cycle spent increasing the lr</source>
        <translation>주기 중 lr을 키우는 데 쓰는 비율</translation>
    </message>
    <message>
        <source>how the factor moves between its ends</source>
        <translation>배율이 양 끝 사이를 움직이는 방식</translation>
    </message>
    <message>
        <source>the cycle starts at lr / div_factor</source>
        <translation>주기는 lr / div_factor에서 시작</translation>
    </message>
    <message>
        <source>and ends at lr / (div_factor * final_div_factor)</source>
        <translation>그리고 lr / (div_factor * final_div_factor)에서 끝남</translation>
    </message>
    <message>
        <source>come back down to the start value before the final annealing</source>
        <translation>마지막 어닐링 전에 시작값까지 다시 내려옴</translation>
    </message>
    <message>
        <source>the peak factor (torch&apos;s max_lr / base_lr)</source>
        <translation>최고 배율 (torch의 max_lr / base_lr)</translation>
    </message>
    <message>
        <source>steps going up</source>
        <translation>올라가는 단계 수</translation>
    </message>
    <message>
        <source>steps going down; 0: as many as going up</source>
        <translation>내려가는 단계 수; 0: 올라가는 만큼</translation>
    </message>
    <message>
        <source>triangular2 halves the height every cycle; exp_range scales it by gamma^t</source>
        <translation>triangular2는 주기마다 높이를 반으로 줄이고, exp_range는 gamma^t배로 조정</translation>
    </message>
    <message>
        <source>exp_range&apos;s factor per step</source>
        <translation>exp_range의 단계당 배율</translation>
    </message>
    <message>
        <source>length of the sweep (T)</source>
        <translation>훑기의 길이 (T)</translation>
    </message>
    <message>
        <source>the last step&apos;s lr is lr * end_factor (fastai&apos;s lr_find: end_lr / start_lr)</source>
        <translation>마지막 단계의 lr은 lr * end_factor (fastai의 lr_find: end_lr / start_lr)</translation>
    </message>
    <message>
        <source>the lr is multiplied by this on a plateau</source>
        <translation>정체 구간에서 lr에 곱하는 값</translation>
    </message>
    <message>
        <source>steps without improvement that are tolerated</source>
        <translation>참아 주는, 나아지지 않는 단계 수</translation>
    </message>
    <message>
        <source>an improvement smaller than this does not count</source>
        <translation>이보다 작은 개선은 치지 않음</translation>
    </message>
    <message>
        <source>rel: better than best * (1 - threshold); abs: better than best - threshold</source>
        <translation>rel: best * (1 - threshold)보다 좋으면; abs: best - threshold보다 좋으면</translation>
    </message>
    <message>
        <source>steps after a reduction during which losses are not judged</source>
        <translation>줄인 뒤 손실을 판단하지 않는 단계 수</translation>
    </message>
    <message>
        <source>the lr never goes below lr * min_factor</source>
        <translation>lr은 lr * min_factor 아래로 내려가지 않음</translation>
    </message>
    <message>
        <source>a reduction smaller than this is skipped</source>
        <translation>이보다 작은 감소는 건너뜀</translation>
    </message>
    <message>
        <source>steps of linear warm-up (the factor then stays 1)</source>
        <translation>선형 워밍업 단계 수 (그 뒤 배율은 1로 유지)</translation>
    </message>
    <message>
        <source>the built-in data set</source>
        <translation>내장 데이터 집합</translation>
    </message>
    <message>
        <source>number of training samples</source>
        <translation>학습 표본 수</translation>
    </message>
    <message>
        <source>standard deviation of the data set&apos;s noise</source>
        <translation>데이터 집합 잡음의 표준편차</translation>
    </message>
    <message>
        <source>seed of the data set</source>
        <translation>데이터 집합의 시드</translation>
    </message>
    <message>
        <source>scale inputs to mean 0 and standard deviation 1</source>
        <translation>입력을 평균 0, 표준편차 1로 조정</translation>
    </message>
    <message>
        <source>the hidden layers&apos; activation</source>
        <translation>은닉층의 활성화 함수</translation>
    </message>
    <message>
        <source>initialization scheme</source>
        <translation>초기화 방식</translation>
    </message>
    <message>
        <source>multiplies the initialization&apos;s standard deviation</source>
        <translation>초기화 표준편차에 곱하는 값</translation>
    </message>
    <message>
        <source>seed of the initial weights</source>
        <translation>초기 가중치의 시드</translation>
    </message>
    <message>
        <source>auto: mse for regression, cross_entropy for classification</source>
        <translation>auto: 회귀면 mse, 분류면 cross_entropy</translation>
    </message>
    <message>
        <source>samples per mini-batch; 0: full batch</source>
        <translation>미니배치당 표본 수; 0: 전체 배치</translation>
    </message>
    <message>
        <source>the optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>the learning-rate schedule</source>
        <translation>학습률 스케줄</translation>
    </message>
    <message>
        <source>number of updates</source>
        <translation>업데이트 횟수</translation>
    </message>
    <message>
        <source>measure the sharpness every k steps; 0: never</source>
        <translation>k 단계마다 날카로움을 잼; 0: 재지 않음</translation>
    </message>
    <message>
        <source>gradient noise standard deviation (lesson P3)</source>
        <translation>기울기 잡음의 표준편차 (단원 P3)</translation>
    </message>
    <message>
        <source>seed of the gradient noise and of the mini-batch order</source>
        <translation>기울기 잡음과 미니배치 순서의 시드</translation>
    </message>
    <message>
        <source>at most this many weight vectors (+ the last) are kept for the landscape</source>
        <translation>지형용으로 남겨 두는 가중치 벡터는 최대 이만큼 (+ 마지막 것)</translation>
    </message>
</context>
<context>
    <name>schedules</name>
    <message>
        <source>Constant</source>
        <translation>상수</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>계단식 감쇠</translation>
    </message>
    <message>
        <source>Exponential decay</source>
        <translation>지수 감쇠</translation>
    </message>
    <message>
        <source>1/sqrt(t+1) decay (lecture)</source>
        <translation>1/sqrt(t+1) 감쇠 (강의)</translation>
    </message>
    <message>
        <source>Inverse-time decay</source>
        <translation>역시간 감쇠</translation>
    </message>
    <message>
        <source>Cosine decay</source>
        <translation>코사인 감쇠</translation>
    </message>
    <message>
        <source>Multi-step decay</source>
        <translation>다단계 감쇠</translation>
    </message>
    <message>
        <source>Polynomial decay</source>
        <translation>다항식 감쇠</translation>
    </message>
    <message>
        <source>Cosine with warm restarts (SGDR)</source>
        <translation>웜 리스타트 코사인 (SGDR)</translation>
    </message>
    <message>
        <source>One-cycle (super-convergence)</source>
        <translation>원 사이클 (초수렴)</translation>
    </message>
    <message>
        <source>Cyclic (triangular)</source>
        <translation>순환 (삼각형)</translation>
    </message>
    <message>
        <source>Exponential lr sweep (lr range test)</source>
        <translation>지수적 학습률 훑기 (학습률 범위 테스트)</translation>
    </message>
    <message>
        <source>Reduce on plateau (loss-driven)</source>
        <translation>정체 시 감소 (손실 기반)</translation>
    </message>
    <message>
        <source>Linear warm-up</source>
        <translation>선형 워밍업</translation>
    </message>
</context>
<context>
    <name>stability</name>
    <message>
        <source>stable</source>
        <translation>안정</translation>
    </message>
    <message>
        <source>oscillating</source>
        <translation>진동</translation>
    </message>
    <message>
        <source>on the edge (neither grows nor shrinks)</source>
        <translation>경계 위 (커지지도 줄지도 않음)</translation>
    </message>
    <message>
        <source>diverging</source>
        <translation>발산</translation>
    </message>
    <message>
        <source>no limit (lambda_max &lt;= 0)</source>
        <translation>한계 없음 (lambda_max &lt;= 0)</translation>
    </message>
    <message>
        <source>undefined (curvature not finite)</source>
        <translation>정의되지 않음 (곡률이 유한하지 않음)</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>네스테로프 모멘텀</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>gradient descent</source>
        <translation>경사 하강법</translation>
    </message>
    <message>
        <source>The curvature here is not a finite number.</source>
        <translation>여기서 곡률이 유한한 수가 아닙니다.</translation>
    </message>
    <message>
        <source>{a_text}: the surface does not curve up along any axis here, so no step size is too large for stability; descent slides along or away.</source>
        <translation>{a_text}: 여기서 곡면은 어느 축으로도 위로 휘지 않으므로, 안정성 면에서 너무 큰 걸음이란 없습니다. 하강은 미끄러져 지나가거나 멀어집니다.</translation>
    </message>
    <message>
        <source>{a_text} is exactly the limit {limit} of {name}: along the steepest axis the path bounces between the walls forever, neither growing nor shrinking.</source>
        <translation>{a_text}는 {name}의 한계 {limit}와 정확히 같습니다: 가장 가파른 축을 따라 경로는 커지지도 줄지도 않고 벽 사이를 영원히 튕깁니다.</translation>
    </message>
    <message>
        <source>{a_text} is above the limit {limit} of {name}: each step overshoots by more than it corrects, the bounces grow by a factor {radius} per step and the loss blows up. Largest stable lr here: {max_lr}.</source>
        <translation>{a_text}는 {name}의 한계 {limit}보다 큽니다: 걸음마다 바로잡는 것보다 더 지나치고, 튕김은 걸음마다 {radius}배로 커지며 손실이 폭발합니다. 여기서 안정한 가장 큰 lr: {max_lr}.</translation>
    </message>
    <message>
        <source>{a_text} is below the limit {limit} of {name} but the path overshoots: it spirals in along the steepest axis while converging (factor {radius} per step).</source>
        <translation>{a_text}는 {name}의 한계 {limit}보다 작지만 경로가 지나칩니다: 수렴하면서 가장 가파른 축을 따라 나선을 그리며 들어갑니다 (걸음마다 {radius}배).</translation>
    </message>
    <message>
        <source>{a_text} is below the limit {limit} of {name} but the path overshoots: it bounces from wall to wall along the steepest axis while converging (factor {radius} per step).</source>
        <translation>{a_text}는 {name}의 한계 {limit}보다 작지만 경로가 지나칩니다: 수렴하면서 가장 가파른 축을 따라 벽에서 벽으로 튕깁니다 (걸음마다 {radius}배).</translation>
    </message>
    <message>
        <source>{a_text}: along the steepest axis each step moves toward the minimum without overshooting (factor {radius} per step; limit {limit}).</source>
        <translation>{a_text}: 가장 가파른 축을 따라 걸음마다 지나치지 않고 최솟값 쪽으로 갑니다 (걸음마다 {radius}배; 한계 {limit}).</translation>
    </message>
</context>
<context>
    <name>surfaces</name>
    <message>
        <source>Quadratic bowl / valley</source>
        <translation>이차 그릇 / 골짜기</translation>
    </message>
    <message>
        <source>A bowl whose curvature you choose: lambda1 and lambda2 are the Hessian&apos;s eigenvalues (the steepness along the two principal axes), angle rotates the axes. With equal eigenvalues it is a round bowl; with very different ones a long narrow valley, the shape on which plain gradient descent zig-zags. Gradient descent is stable only while lr * lambda_max &lt; 2.</source>
        <translation>곡률을 직접 고르는 그릇입니다. lambda1과 lambda2는 헤시안의 고유값(두 주축 방향의 가파름)이고, angle은 축을 회전합니다. 고유값이 같으면 둥근 그릇, 크게 다르면 길고 좁은 골짜기가 되는데, 기본 경사 하강법이 지그재그로 움직이는 바로 그 모양입니다. 경사 하강법은 lr * lambda_max &lt; 2일 때만 안정합니다.</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>안장</translation>
    </message>
    <message>
        <source>f = x^2 - y^2. At the origin the gradient is zero but it is not a minimum: the surface curves up along x and down along y (Hessian eigenvalues 2 and -2). A start exactly on the x axis slides into the saddle and stays; any small offset in y escapes, slowly at first. Momentum and noise help to escape faster.</source>
        <translation>f = x^2 - y^2. 원점에서 기울기는 0이지만 최솟값이 아닙니다. 곡면은 x 방향으로는 위로, y 방향으로는 아래로 휩니다(헤시안 고유값 2와 -2). 정확히 x축 위에서 출발하면 안장점으로 미끄러져 들어가 머물고, y로 조금만 어긋나도 처음에는 천천히 빠져나갑니다. 모멘텀과 잡음은 더 빨리 빠져나가게 돕습니다.</translation>
    </message>
    <message>
        <source>Monkey saddle</source>
        <translation>원숭이 안장</translation>
    </message>
    <message>
        <source>f = x^3 - 3xy^2. At the origin gradient and Hessian are both zero, yet it is no minimum: three valleys go down from it (room for two legs and a tail). Near the origin the gradient is tiny, so descent crawls before it speeds away.</source>
        <translation>f = x^3 - 3xy^2. 원점에서 기울기와 헤시안이 모두 0이지만 최솟값이 아닙니다. 거기서 골짜기 세 개가 내려갑니다(두 다리와 꼬리를 위한 자리). 원점 근처에서는 기울기가 아주 작아서, 하강은 기어가다가 나중에야 속도를 냅니다.</translation>
    </message>
    <message>
        <source>Rosenbrock&apos;s banana valley</source>
        <translation>로젠브록의 바나나 골짜기</translation>
    </message>
    <message>
        <source>f = (a - x)^2 + b (y - x^2)^2. The minimum sits at (a, a^2) at the bottom of a long, curved, flat-floored valley shaped like a banana. Finding the valley is easy; following its bend to the minimum is hard: across the valley the surface is steep (curvature about 2b), along it almost flat, so plain gradient descent must take tiny steps and crawls. Momentum and adaptive methods do much better.</source>
        <translation>f = (a - x)^2 + b (y - x^2)^2. 최솟값 (a, a^2)는 바나나처럼 휘고 바닥이 평평한 긴 골짜기의 밑바닥에 있습니다. 골짜기를 찾기는 쉽지만 그 굽이를 따라 최솟값까지 가기는 어렵습니다. 골짜기를 가로지르는 방향은 가파르고(곡률 약 2b) 따라가는 방향은 거의 평평해서, 기본 경사 하강법은 아주 작은 걸음으로 기어가야 합니다. 모멘텀과 적응적 방법이 훨씬 잘합니다.</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale</translation>
    </message>
    <message>
        <source>f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2. The minimum 0 is at (3, 0.5) in a narrow curved valley; the corners of the view rise to about 10^5. Flat plateaus near the valley and very steep walls make one learning rate too small in one place and too large in another.</source>
        <translation>f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2. 최솟값 0은 좁고 휜 골짜기 안의 (3, 0.5)에 있고, 보기 영역의 모서리는 약 10^5까지 솟습니다. 골짜기 근처의 평평한 고원과 아주 가파른 벽 때문에, 학습률 하나가 어떤 곳에서는 너무 작고 다른 곳에서는 너무 큽니다.</translation>
    </message>
    <message>
        <source>Himmelblau (four minima)</source>
        <translation>Himmelblau (최솟값 네 개)</translation>
    </message>
    <message>
        <source>f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2 has four equally good minima (value 0), one in each quadrant, and a local maximum near (-0.27, -0.92). Which minimum a run finds depends only on where it starts: try starts around the maximum and watch them fall into different basins.</source>
        <translation>f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2는 사분면마다 하나씩, 똑같이 좋은 최솟값(값 0) 네 개와 (-0.27, -0.92) 근처의 극댓값 하나를 가집니다. 어느 최솟값을 찾을지는 오직 출발점에 달려 있습니다. 극댓값 주위에 시작점을 놓고 서로 다른 분지로 떨어지는 것을 보세요.</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Booth</translation>
    </message>
    <message>
        <source>f = (x + 2y - 7)^2 + (2x + y - 5)^2, a tilted quadratic bowl with its minimum 0 at (1, 3). Its Hessian is constant, [[10, 8], [8, 10]], with eigenvalues 18 and 2: an elongated bowl lying along the diagonal. Gradient descent is stable for lr &lt; 2/18.</source>
        <translation>f = (x + 2y - 7)^2 + (2x + y - 5)^2, 최솟값 0이 (1, 3)에 있는 기울어진 이차 그릇입니다. 헤시안은 상수 [[10, 8], [8, 10]]이고 고유값은 18과 2입니다. 대각선을 따라 누운 길쭉한 그릇입니다. 경사 하강법은 lr &lt; 2/18일 때 안정합니다.</translation>
    </message>
    <message>
        <source>Matyas</source>
        <translation>Matyas</translation>
    </message>
    <message>
        <source>f = 0.26 (x^2 + y^2) - 0.48xy, a quadratic bowl with its minimum 0 at the origin. The Hessian&apos;s eigenvalues are 1.0 (across the diagonal) and 0.04 (along it): a condition number of 25. Descent quickly drops onto the diagonal, then creeps along it.</source>
        <translation>f = 0.26 (x^2 + y^2) - 0.48xy, 최솟값 0이 원점에 있는 이차 그릇입니다. 헤시안의 고유값은 1.0(대각선을 가로질러)과 0.04(대각선을 따라)로, 조건수가 25입니다. 하강은 금세 대각선 위로 떨어진 뒤 그것을 따라 기어갑니다.</translation>
    </message>
    <message>
        <source>Three-hump camel</source>
        <translation>세 봉우리 낙타</translation>
    </message>
    <message>
        <source>f = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2. The global minimum 0 is at the origin; two local minima (value about 0.30) sit near (1.75, -0.87) and (-1.75, 0.87). A start on the outer slopes easily ends in a local minimum.</source>
        <translation>f = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2. 전역 최솟값 0은 원점에 있고, 지역 최솟값 두 개(값 약 0.30)가 (1.75, -0.87)과 (-1.75, 0.87) 근처에 있습니다. 바깥 비탈에서 출발하면 쉽게 지역 최솟값에 빠집니다.</translation>
    </message>
    <message>
        <source>Six-hump camel</source>
        <translation>여섯 봉우리 낙타</translation>
    </message>
    <message>
        <source>f = (4 - 2.1x^2 + x^4/3) x^2 + xy + (4y^2 - 4) y^2. Six local minima, two of them global (value -1.0316) at (0.0898, -0.7127) and (-0.0898, 0.7127), mirror images of each other; the origin between them is a saddle point.</source>
        <translation>f = (4 - 2.1x^2 + x^4/3) x^2 + xy + (4y^2 - 4) y^2. 지역 최솟값이 여섯 개이고, 그중 두 개가 전역 최솟값(값 -1.0316)으로 (0.0898, -0.7127)과 (-0.0898, 0.7127)에 서로 거울상으로 있습니다. 그 사이의 원점은 안장점입니다.</translation>
    </message>
    <message>
        <source>McCormick</source>
        <translation>McCormick</translation>
    </message>
    <message>
        <source>f = sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1 on -1.5 &lt;= x &lt;= 4, -3 &lt;= y &lt;= 4. A valley along x = y + 1, rippled by the sine, with the minimum -1.9132 at (-0.547, -1.547). Across the valley the curvature is 4; along it the sine makes it alternately curve up and down.</source>
        <translation>-1.5 &lt;= x &lt;= 4, -3 &lt;= y &lt;= 4에서 f = sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1. 사인 때문에 물결치는 x = y + 1 방향의 골짜기이며, 최솟값 -1.9132가 (-0.547, -1.547)에 있습니다. 골짜기를 가로지르는 곡률은 4이고, 골짜기를 따라서는 사인 때문에 위로 휘었다 아래로 휘었다 합니다.</translation>
    </message>
    <message>
        <source>Rastrigin (egg crate)</source>
        <translation>Rastrigin (달걀판)</translation>
    </message>
    <message>
        <source>f = 2A + x^2 - A cos(2 pi x) + y^2 - A cos(2 pi y): a bowl covered with a regular grid of bumps, with a local minimum near every point with whole-number coordinates. Only the one at the origin (value 0) is global. Gradient descent stops in the nearest dimple; larger steps, momentum or noise can hop over the bumps. With A = 0 it is the plain bowl x^2 + y^2.</source>
        <translation>f = 2A + x^2 - A cos(2 pi x) + y^2 - A cos(2 pi y): 규칙적인 격자 모양의 혹으로 덮인 그릇으로, 좌표가 정수인 점마다 근처에 지역 최솟값이 있습니다. 전역 최솟값은 원점(값 0)의 것 하나뿐입니다. 경사 하강법은 가장 가까운 오목한 곳에서 멈추고, 더 큰 걸음이나 모멘텀, 잡음은 혹을 뛰어넘을 수 있습니다. A = 0이면 그냥 그릇 x^2 + y^2입니다.</translation>
    </message>
    <message>
        <source>Ackley</source>
        <translation>Ackley</translation>
    </message>
    <message>
        <source>f = -a exp(-b sqrt((x^2 + y^2)/2)) - exp((cos(cx) + cos(cy))/2) + a + e. A nearly flat outer region full of small dimples (local minima), with a deep narrow funnel to the global minimum 0 at the origin. The funnel&apos;s tip is a cone: the gradient does not shrink as you approach it, so a fixed step size overshoots back and forth. (At the tip itself the gradient is taken as 0.)</source>
        <translation>f = -a exp(-b sqrt((x^2 + y^2)/2)) - exp((cos(cx) + cos(cy))/2) + a + e. 작은 오목한 곳(지역 최솟값)으로 가득한 거의 평평한 바깥 영역과, 원점의 전역 최솟값 0으로 이어지는 깊고 좁은 깔때기가 있습니다. 깔때기 끝은 원뿔이라 가까이 가도 기울기가 줄지 않으므로, 고정된 걸음 크기는 앞뒤로 지나칩니다. (끝점 자체에서는 기울기를 0으로 봅니다.)</translation>
    </message>
    <message>
        <source>Goldstein-Price</source>
        <translation>Goldstein-Price</translation>
    </message>
    <message>
        <source>The Goldstein-Price function: a degree-8 polynomial whose values span six orders of magnitude in the view, from the global minimum 3 at (0, -1) to about 10^6 in the corners, with local minima (values 30, 84 and 840) nearby. Gradients differ by the same factor, so a learning rate that is safe in one place explodes in another; normalizing methods like Adam cope better.</source>
        <translation>Goldstein-Price 함수: 8차 다항식으로, 보기 영역 안에서 값이 여섯 자릿수에 걸칩니다. (0, -1)의 전역 최솟값 3부터 모서리의 약 10^6까지이며, 근처에 지역 최솟값(값 30, 84, 840)이 있습니다. 기울기도 같은 배율로 차이가 나므로, 한 곳에서 안전한 학습률이 다른 곳에서는 폭발합니다. Adam처럼 정규화하는 방법이 더 잘 견딥니다.</translation>
    </message>
    <message>
        <source>Styblinski-Tang</source>
        <translation>Styblinski-Tang</translation>
    </message>
    <message>
        <source>f = (x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y) / 2. Four basins, one per quadrant; the deepest (value -78.33) is at (-2.9035, -2.9035), the shallowest at (2.7468, 2.7468). Starts in the other basins end in a local minimum: what counts is where you start.</source>
        <translation>f = (x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y) / 2. 사분면마다 하나씩 분지가 네 개 있습니다. 가장 깊은 것(값 -78.33)은 (-2.9035, -2.9035)에, 가장 얕은 것은 (2.7468, 2.7468)에 있습니다. 다른 분지에서 출발하면 지역 최솟값에서 끝납니다. 중요한 것은 어디서 출발하느냐입니다.</translation>
    </message>
    <message>
        <source>Crease (kinked valley floor)</source>
        <translation>접힌 자국 (꺾인 골짜기 바닥)</translation>
    </message>
    <message>
        <source>f = a x^2 + slope |y|. A long, shallow valley along x whose floor y = 0 is a sharp crease, like |y| or a ReLU. On the walls the gradient across the valley is +slope or -slope however close to the floor you are; it never shrinks. So a fixed step jumps from wall to wall (the gradient flips sign at the crease) and the path zig-zags forever instead of settling on the floor. Compare smooth_crease, the same valley with a rounded floor. (Exactly on the crease the gradient across it is taken as 0.)</source>
        <translation>f = a x^2 + slope |y|. x를 따라 뻗은 길고 얕은 골짜기로, 바닥 y = 0이 |y|나 ReLU처럼 날카롭게 접혀 있습니다. 벽 위에서 골짜기를 가로지르는 기울기는 바닥에 아무리 가까워도 +slope 또는 -slope이며 결코 줄지 않습니다. 그래서 고정된 걸음은 벽에서 벽으로 뛰고(접힌 곳에서 기울기의 부호가 바뀜), 경로는 바닥에 자리 잡지 못하고 영원히 지그재그로 움직입니다. 바닥이 둥근 같은 골짜기 smooth_crease와 비교해 보세요. (정확히 접힌 곳 위에서는 가로 방향 기울기를 0으로 봅니다.)</translation>
    </message>
    <message>
        <source>Smooth crease (rounded valley floor)</source>
        <translation>매끄러운 접힌 자국 (둥근 골짜기 바닥)</translation>
    </message>
    <message>
        <source>f = a x^2 + slope sqrt(width^2 + y^2): the crease valley with its floor rounded off over a small width. Far from the floor it is the same surface, but near it the gradient shrinks smoothly, like ELU or softplus next to ReLU. With the defaults and lr 0.01 from (-8, 1) this is the lecture&apos;s stalled valley: gradient descent settles into bouncing between y = +0.049 and y = -0.049 with |gradient| = 9.8 while the loss barely moves; a tiny lr stops the bouncing but crawls along x. Adaptive methods (Adagrad, RMSProp, Adam) race along the floor, but only Adam settles at the minimum: RMSProp and Adagrad keep hopping across it (lesson P5).</source>
        <translation>f = a x^2 + slope sqrt(width^2 + y^2): 접힌 골짜기의 바닥을 좁은 폭으로 둥글게 다듬은 것입니다. 바닥에서 멀리서는 같은 곡면이지만, 바닥 근처에서는 ReLU에 비한 ELU나 softplus처럼 기울기가 매끄럽게 줄어듭니다. 기본값과 lr 0.01로 (-8, 1)에서 출발하면 이것이 강의에 나온 정체된 골짜기입니다. 경사 하강법은 y = +0.049와 y = -0.049 사이를 튕기는 상태에 빠지고, |기울기| = 9.8인데도 손실은 거의 움직이지 않습니다. 아주 작은 lr은 튕김을 멈추지만 x를 따라 기어갑니다. 적응적 방법(Adagrad, RMSProp, Adam)은 바닥을 따라 빠르게 나아가지만, 최솟값에 자리 잡는 것은 Adam뿐입니다. RMSProp과 Adagrad는 바닥을 가로질러 계속 뛰어다닙니다(레슨 P5).</translation>
    </message>
    <message>
        <source>Linear regression, unscaled or standardized feature</source>
        <translation>선형 회귀, 스케일링하지 않은 특성 또는 표준화한 특성</translation>
    </message>
    <message>
        <source>The loss (mean squared error) of the linear model prediction = w * x + b on synthetic data (50 points by default), as a function of the weight w (across) and the bias b (up). This is the Q&amp;A asker&apos;s case: the feature is not scaled (values up to feature_scale = 100), so the loss is a bowl more than 10,000 times more curved along w than along b, with largest curvature lambda_max of about 7,000. Gradient descent is stable only while lr * lambda_max &lt; 2: with lr 0.001 every step overshoots further, and the loss climbs from thousands through 10^12 to overflow (inf/NaN) within a few hundred steps; with lr 0.0001 it goes down. Switch on standardize (feature rescaled to mean 0 and standard deviation 1) and the bowl becomes round with curvature 2: both learning rates converge.</source>
        <translation>합성 데이터(기본 50개 점)에서 선형 모델 예측 = w * x + b의 손실(평균 제곱 오차)을 가중치 w(가로)와 편향 b(세로)의 함수로 그린 것입니다. 질문자의 경우입니다. 특성을 스케일링하지 않아서(값이 feature_scale = 100까지) 손실은 b 방향보다 w 방향으로 10,000배 이상 더 휜 그릇이며, 가장 큰 곡률 lambda_max는 약 7,000입니다. 경사 하강법은 lr * lambda_max &lt; 2일 때만 안정합니다. lr 0.001에서는 걸음마다 더 멀리 지나쳐, 손실이 수백 단계 안에 수천에서 10^12를 거쳐 넘침(inf/NaN)까지 치솟습니다. lr 0.0001에서는 내려갑니다. standardize를 켜면(특성을 평균 0, 표준편차 1로 다시 조정) 그릇이 곡률 2인 둥근 그릇이 되어 두 학습률 모두 수렴합니다.</translation>
    </message>
    <message>
        <source>Tiny neural network: loss over two weights</source>
        <translation>작은 신경망: 가중치 두 개에 대한 손실</translation>
    </message>
    <message>
        <source>The training loss (mean squared error on 8 data points) of a tiny network, out = v1 act(w1 x + b1) + v2 act(w2 x + b2) + c, as a function of two of its weights; the others are fixed at the values that made the data, so the loss is 0 where the two free weights are right. With ReLU the surface is creased (its gradient jumps where a unit switches on or off for some data point), and where a unit is off for every data point it is dead: the gradient is exactly zero, and a start there never moves (the lower wedge of the default view). ELU and softplus round the creases off; tanh and sigmoid saturate, leaving wide flat plateaus where the loss is high but the gradient is nearly zero, so descent stalls (vanishing gradients). Convention at the kink: ReLU&apos;(0) = 0.</source>
        <translation>작은 신경망 out = v1 act(w1 x + b1) + v2 act(w2 x + b2) + c의 학습 손실(데이터 점 8개에 대한 평균 제곱 오차)을 두 가중치의 함수로 그린 것입니다. 나머지 가중치는 데이터를 만든 값으로 고정되어 있어서, 두 자유 가중치가 맞는 곳에서 손실이 0입니다. ReLU이면 곡면이 접혀 있고(어떤 데이터 점에 대해 유닛이 켜지거나 꺼지는 곳에서 기울기가 뜀), 모든 데이터 점에 대해 유닛이 꺼진 곳에서는 유닛이 죽어 있습니다. 기울기가 정확히 0이라 거기서 출발하면 전혀 움직이지 않습니다(기본 보기의 아래쪽 쐐기). ELU와 softplus는 접힌 곳을 둥글게 다듬고, tanh와 sigmoid는 포화되어 손실은 높은데 기울기는 거의 0인 넓고 평평한 정체 구간을 남기므로 하강이 멈춥니다(사라지는 기울기). 꺾인 점의 규칙: ReLU&apos;(0) = 0.</translation>
    </message>
    <message>
        <source>Your formula</source>
        <translation>직접 입력한 수식</translation>
    </message>
    <message>
        <source>Type any f(x, y): numbers, x, y, pi, e, + - * / ^ and functions such as sin, exp, log, sqrt, abs, tanh, sigmoid, softplus, relu, min and max. The gradient and the Hessian are worked out exactly (symbolically), so the optimizers see the true slopes. Where the formula is undefined (log of a negative number, say) the surface has a hole, and a run that steps into it stops.</source>
        <translation>아무 f(x, y)나 입력하세요: 숫자, x, y, pi, e, + - * / ^ 그리고 sin, exp, log, sqrt, abs, tanh, sigmoid, softplus, relu, min, max 같은 함수를 쓸 수 있습니다. 기울기와 헤시안은 (기호적으로) 정확히 계산하므로 옵티마이저는 참된 기울기를 봅니다. 수식이 정의되지 않는 곳(예: 음수의 log)에서는 곡면에 구멍이 나고, 그 안으로 들어간 실행은 멈춥니다.</translation>
    </message>
</context>
<context>
    <name>tabs</name>
    <message>
        <source>Surface</source>
        <translation>곡면</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>지도</translation>
    </message>
    <message>
        <source>3D</source>
        <translation>3D</translation>
    </message>
    <message>
        <source>Network lab</source>
        <translation>신경망 실험실</translation>
    </message>
    <message>
        <source>LR range</source>
        <translation>학습률 범위</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>단원</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>분석</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계 설명</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
</context>
</TS>
